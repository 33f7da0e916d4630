# The three worlds Myrmex code is compiled for.
#   myrmex_kernel: freestanding i686, no FPU/SSE, no exceptions or RTTI.
#   myrmex_user:   i686 static programs on our own libc (x87 allowed).
#   myrmex_host:   the build machine, with sanitizers, for tools and Catch2 tests.
set(MYRMEX_I686_COMMON
    -m32 -march=i686 -ffreestanding -fno-exceptions -fno-rtti -fno-threadsafe-statics
    -fno-use-cxa-atexit -fno-asynchronous-unwind-tables -fno-pie -fno-stack-protector
    -fno-omit-frame-pointer -O2 -g -Wall -Wextra -Wvla)
# Copies and fills the compiler expands inline move words, as libc's and the kernel's
# memmove do: tuned for i686, GCC moves bytes (rep movsb), which an emulator runs a
# byte per iteration: a quarter of the speed (9P replies were copied at 700 MB/s).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    list(APPEND MYRMEX_I686_COMMON -mmemcpy-strategy=rep_4byte:-1:align -mmemset-strategy=rep_4byte:-1:align)
endif()

add_library(myrmex_kernel INTERFACE)
target_compile_options(myrmex_kernel INTERFACE
    $<$<COMPILE_LANGUAGE:CXX,C>:${MYRMEX_I686_COMMON} -mno-sse -mno-mmx -mno-80387 -mgeneral-regs-only -fcheck-new>)
target_compile_definitions(myrmex_kernel INTERFACE MYRMEX_KERNEL=1)
target_include_directories(myrmex_kernel INTERFACE ${CMAKE_SOURCE_DIR}/kernel ${CMAKE_SOURCE_DIR}/userland/lib)

add_library(myrmex_user INTERFACE)
# Inline variables (lib9/error.h) would otherwise become STB_GNU_UNIQUE symbols, which
# mark a program ELFOSABI_GNU; Myrmex binaries are plain System V ELF.
target_compile_options(myrmex_user INTERFACE $<$<COMPILE_LANGUAGE:CXX,C>:${MYRMEX_I686_COMMON}>
    $<$<COMPILE_LANGUAGE:CXX>:-fno-gnu-unique>)
target_compile_definitions(myrmex_user INTERFACE MYRMEX_USER=1)
target_include_directories(myrmex_user INTERFACE ${CMAKE_SOURCE_DIR}/userland/lib ${CMAKE_SOURCE_DIR}/userland/lib/libc)

add_library(myrmex_host INTERFACE)
set(MYRMEX_SANITIZE -fsanitize=address,undefined -fno-sanitize-recover=all)
target_compile_options(myrmex_host INTERFACE -O1 -g -Wall -Wextra ${MYRMEX_SANITIZE})
target_link_options(myrmex_host INTERFACE ${MYRMEX_SANITIZE})
target_compile_definitions(myrmex_host INTERFACE MYRMEX_HOST=1)
target_include_directories(myrmex_host INTERFACE ${CMAKE_SOURCE_DIR}/userland/lib ${CMAKE_SOURCE_DIR}/kernel)

# myrmex_shared_library(NAME src...) makes NAME_kernel, NAME_user and NAME_host.
function(myrmex_shared_library name)
    foreach(world kernel user host)
        add_library(${name}_${world} STATIC ${ARGN})
        target_link_libraries(${name}_${world} PUBLIC myrmex_${world})
    endforeach()
endfunction()

# myrmex_program(NAME src...) builds an i686 static user program linked with our libc.
function(myrmex_program name)
    add_executable(${name} ${ARGN})
    target_link_libraries(${name} PRIVATE libc myrmex_user)
    # Debug sections are dropped: the bootpaq carries these files and boot hashes it.
    target_link_options(${name} PRIVATE -m32 -static -nostdlib -no-pie -Wl,--build-id=none
        -Wl,--strip-debug -Wl,-T,${CMAKE_SOURCE_DIR}/userland/lib/libc/user.ld)
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin386
        LINK_DEPENDS ${CMAKE_SOURCE_DIR}/userland/lib/libc/user.ld)
    set_property(GLOBAL APPEND PROPERTY MYRMEX_PROGRAMS ${name})
endfunction()
