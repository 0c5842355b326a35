#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace SocketScope {

// The most bytes one message may stand for ("#n" included), and one read may ask for: a
// console line never allocates more than this, and a saved lab session (whose steps are a
// scenario file's) reads back.
inline constexpr qsizetype labMessageLimit = 1 << 20;
// The most sends one `send -loop` makes, a safety bound: every send is a call (and a packet)
// kept in the log, some 4 KB each whatever their bytes (tests/bench_eventloglinking.cpp), and
// costs the same at the end of a long log as at its start. A peer that does not read fills
// the buffers of a loopback connection (about 4 MB) in some 4,000 sends of 1,000 bytes.
inline constexpr int labLoopSendLimit = 100'000;

// How a message's text stands for its bytes: socklab's text, hexadecimal digits, or text
// with C's escapes.
enum class LabPayload { Text, Hex, Escapes };

// A hexadecimal digit's value (0-9, a-f, A-F), -1 for any other character.
int labHexDigit(QChar c);

// Where a text with escapes is wrong: the backslash's position (0-based, in characters) and
// the sequence as typed ("\q", "\x4"); position -1 when the text is too long.
struct LabEscapeError {
    qsizetype position = -1;
    QString sequence;
    QString text() const; // in the user's language, the position counted from 1
};

// Text with escapes, as C writes them: \n \r \t \0 \\ \" \' \a \b \f \v, and \xHH with
// exactly two hexadecimal digits; every other character is itself, in UTF-8. No socklab
// convention applies (blanks and '#' are themselves). nullopt and *error at the first bad
// escape, or past labMessageLimit bytes.
std::optional<QByteArray> decodeLabEscapes(QStringView text, LabEscapeError* error);

// socklab's message syntax: the text as UTF-8, where two spaces are "\r\n" (pairs taken from
// the end, as socklab does), one trailing space is "\n", and "#n" stands for n '*' bytes.
// socklab (get_msg) takes any text that sscanf reads as "#%d" for the count: "# 5" and "#+5"
// are 5 bytes; "#5abc" is 5 bytes too there, and "#-1" is asked again: both are errors here.
// A '#' without digits ("#", "#tag") is plain text. With `hex`, pairs of hexadecimal digits,
// blanks allowed between bytes, each group may start with "0x"; NUL bytes allowed. The empty
// text is the empty message. With Escapes, decodeLabEscapes(). std::nullopt and *error (in the
// user's language) when it is not valid: odd hex, a non-hex digit, a bad "#n", more than
// labMessageLimit bytes.
std::optional<QByteArray> decodeLabMessage(QStringView text, LabPayload payload, QString* error);

} // namespace SocketScope
