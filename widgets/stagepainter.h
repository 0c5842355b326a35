#pragma once

#include "stagescene.h"
#include "theme.h"

#include <QColor>
#include <QFont>

class QPainter;

namespace SocketScope::StagePainter {

// The colour of a text role in `theme`.
QColor inkColour(const Theme& theme, StageInk role);

// How an actor's icons differ by more than their colour, for those who cannot tell blue from
// green: the first actor's (the server's) are plain, the others' striped. The column's
// heading names the actor too.
enum class IconFill { Plain, Striped };
IconFill iconFill(int actorIndex);

// A desk telephone in `body`: the handset lifted when off the hook; when ringing, sound
// waves to the right of it (StageCell::icon keeps room for them).
void drawPhone(QPainter& painter, const QRectF& body, const QColor& color, bool offHook,
               bool ringing, IconFill fill, const Theme& theme);
// A mailbox with its flag up when letters wait in it.
void drawMailbox(QPainter& painter, const QRectF& body, const QColor& color, int letters,
                 IconFill fill, const Theme& theme);
// The protocol view's plain socket: a box (its badge writes the descriptor and the kind).
void drawSocketBox(QPainter& painter, const QRectF& body, const QColor& color, IconFill fill,
                   const Theme& theme);
// The descriptor's number on its icon: in a round badge, or plain in the protocol's box.
void drawBadge(QPainter& painter, const StageText& badge, const QColor& color, bool round,
               const Theme& theme, const QFont& family);
// Lines of text as laid out; on `halo`, each line on a patch of it, so that a telephone
// line passing behind does not cross the words.
void drawText(QPainter& painter, const StageText& text, const Theme& theme, const QFont& family,
              const QColor& halo = QColor());
// A speech bubble around its text, its tail pointing at `tip` when it is near.
void drawBubble(QPainter& painter, const StageText& bubble, const QPointF& tip, const Theme& theme,
                const QFont& family);
// A bubble far from its tip points at it with a thin line, drawn under the labels (as the
// telephone lines are) so that it crosses no words; nothing for a bubble near its tip.
void drawBubblePointer(QPainter& painter, const StageText& bubble, const QPointF& tip,
                       const Theme& theme);
// An envelope around its text: its address on the first line, the letter below.
void drawEnvelope(QPainter& painter, const StageText& envelope, const Theme& theme,
                  const QFont& family);
// The listening socket's waiting line: `capacity` places, `used` of them taken by callers.
void drawWaitingLine(QPainter& painter, const QRectF& r, int capacity, int used,
                     const Theme& theme);
// The cross at the end of a refused call's line.
void drawCross(QPainter& painter, const QRectF& mark, const Theme& theme);

} // namespace SocketScope::StagePainter
