# Shared by the scripts: repo root, build dir, and "run setup if a tool is missing".
# shellcheck shell=bash
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck disable=SC2034 # used by the scripts that source this
BUILD=${MYRMEX_BUILD:-$ROOT/build}

# tools_ok: true when everything scripts/setup installs is here.
tools_ok() {
	local t
	for t in cmake ninja g++ clang++ nasm ld qemu-system-i386 grub-mkrescue xorriso mformat python3; do
		command -v "$t" >/dev/null || return 1
	done
	[[ -x /usr/lib/plan9/bin/rc && -e /usr/include/catch2/catch.hpp && -e $(g++ -m32 -print-libgcc-file-name) && -n $(compgen -G "/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a") ]]
}

ensure_tools() {
	tools_ok || "$ROOT/scripts/setup"
}
