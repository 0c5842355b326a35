#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace SocketScope {

// The most bytes one message may stand for ("#n" included): a console line never allocates
// more than this.
inline constexpr qsizetype labMessageLimit = 16 << 20;

// socklab's message syntax: the text as UTF-8, where two spaces are "\r\n", one trailing
// space is "\n", and "#n" alone stands for n '*' bytes. With `hex`, hexadecimal digits
// (spaces allowed between bytes) instead. std::nullopt and *error (in the user's language)
// when it is not valid: odd hex, a non-hex digit, a count past labMessageLimit.
std::optional<QByteArray> decodeLabMessage(QStringView text, bool hex, QString* error);

} // namespace SocketScope
