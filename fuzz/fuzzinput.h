#pragma once

#include <QByteArrayView>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <type_traits>

// What a fuzz target takes from libFuzzer's bytes: small numbers from the front (a choice,
// a length), then the rest as the input under test.
class FuzzInput {
public:
    FuzzInput(const quint8* data, size_t size)
        : m_bytes(reinterpret_cast<const char*>(data), qsizetype(size))
    {
    }

    // A value from the next bytes; zero once they run out, so that every input is used.
    template <typename T> T take()
    {
        static_assert(std::is_trivially_copyable_v<T>);
        T value{};
        const qsizetype count = std::min(qsizetype(sizeof(T)), m_bytes.size());
        std::memcpy(&value, m_bytes.data(), size_t(count));
        m_bytes = m_bytes.sliced(count);
        return value;
    }

    QByteArrayView rest() const { return m_bytes; }

private:
    QByteArrayView m_bytes;
};

// A property every input must keep; a broken one is a finding, as a crash is.
#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: property broken: %s\n", __FILE__, __LINE__, #condition);  \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)
