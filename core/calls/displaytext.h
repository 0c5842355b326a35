#pragma once

#include <QByteArray>
#include <QString>

// The bytes a program sent or received, written for a reader on screen: the call list, the
// stage's bubbles. The saved files and the headless output keep strace's form (CRender).
namespace SocketScope::DisplayText {

// Between quotes: valid UTF-8 as its characters ("année", not "ann\303\251e"); quotes and
// backslashes escaped; control characters, invisible format characters and bytes that are
// not UTF-8 escaped (\n, \t, \r, \0, \x80, \u{202e}). Past `limit` characters it is cut
// before the first character that does not fit, never inside one, with "…" after the closing
// quote.
QString quoted(const QByteArray& bytes, int limit = 32);

// "1044480 bytes not kept", in the user's language: the mark shown after the bytes wherever
// the log kept only the first ones of a long stream.
QString notKept(qint64 count);

// Printable ASCII, \n, \r and \t only: the text shows every byte one for one. Otherwise
// (an accent takes two bytes in UTF-8, an escape stands for a byte) a view that shows bytes
// puts their hexadecimal beside the text.
bool isAsciiText(const QByteArray& bytes);

} // namespace SocketScope::DisplayText
