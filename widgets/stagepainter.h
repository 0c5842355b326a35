#pragma once

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QStringList>

class QPainter;

namespace SocketScope::StagePainter {

// The stage's colours: a light, high-contrast theme that survives a projector.
struct Theme {
    QColor background{0xff, 0xff, 0xff};
    QColor ink{0x11, 0x11, 0x11};
    QColor muted{0x70, 0x70, 0x70};
    QColor server{0x1f, 0x5f, 0xbf};
    QColor client{0x1e, 0x7d, 0x32};
    QColor error{0xb0, 0x00, 0x20};
    QColor bubble{0xff, 0xf4, 0xc2};
    QColor paper{0xfa, 0xf6, 0xea};
};

// A desk telephone in `r`: the handset lifted when off the hook, sound waves when ringing,
// its descriptor number on the body.
void drawPhone(QPainter& painter, const QRectF& r, const QColor& color, bool offHook, bool ringing,
               int fd, const QFont& font);
// A mailbox with its flag up when letters wait in it.
void drawMailbox(QPainter& painter, const QRectF& r, const QColor& color, int letters, int fd,
                 const QFont& font);
// The protocol view's plain socket: a box with the descriptor number and the kind.
void drawSocketBox(QPainter& painter, const QRectF& r, const QColor& color, const QString& kind,
                   int fd, const QFont& font);
// A speech bubble whose tail points at `tip`; lines of text inside.
void drawBubble(QPainter& painter, const QPointF& tip, const QStringList& lines, const Theme& theme,
                const QFont& font);
// An envelope centred on `center`: its address on the first line, the letter below.
void drawEnvelope(QPainter& painter, const QPointF& center, const QStringList& lines,
                  const Theme& theme, const QFont& font);
// The listening socket's waiting line: `capacity` places, `used` of them taken by callers.
void drawWaitingLine(QPainter& painter, const QRectF& r, int capacity, int used,
                     const Theme& theme);

} // namespace SocketScope::StagePainter
