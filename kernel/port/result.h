// Result<T>: a value or a Plan 9 error string. Errors are pointers to the constant
// strings of lib9/error.h (or other static text), so they cost nothing to pass up and
// reach user space unchanged through errstr. TRY(expr) returns the error to the caller.
#pragma once
#include <utility>
#include "lib9/error.h"

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(const char* error) : m_error(error) {}
    bool is_error() const { return m_error != nullptr; }
    const char* error() const { return m_error; }
    T& value() { return m_value; }
    T release_value() { return std::move(m_value); }

private:
    T m_value {};
    const char* m_error = nullptr;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(const char* error) : m_error(error) {}
    bool is_error() const { return m_error != nullptr; }
    const char* error() const { return m_error; }
    void release_value() {}

private:
    const char* m_error = nullptr;
};

#define TRY(expr)                                    \
    ({                                               \
        auto _try_result = (expr);                   \
        if (_try_result.is_error())                  \
            return _try_result.error();              \
        _try_result.release_value();                 \
    })
