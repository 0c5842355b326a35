#pragma once

#include "themechoice.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace SocketScope {

// Every colour SocketScope draws with, by role: the painters, the HTML panels, the row
// colours, the window's labels and the exports all take theirs from one Theme, and its
// palette() is the application's, so that Qt's own widgets match. Each text role keeps a
// contrast of 4.5:1 or more against the background it is drawn on (tst_theme checks it).
struct Theme {
    bool isDark = false;

    // The stage, the diagrams and the panels.
    QColor background; // what every view is painted on
    QColor ink;        // text and lines
    QColor muted;      // secondary text, hung-up lines, closed sockets
    QColor rule;       // thin lines: lifelines, frames
    QColor alternate;  // every other row
    QColor server;     // the first actor (the server), its heading, telephone and cards
    QColor client;     // the other actors
    QColor error;      // a failed call, a refused connection, a full queue
    QColor success;    // a call that returned what was asked
    QColor onStrong;   // text on a fill of server, client, muted, error or highlight
    QColor bubble;     // the speech bubble (ink on it)
    QColor paper;      // the letter (ink on it)
    QColor flag;       // a mailbox's flag raised: mail waits
    QColor highlight;  // the selection, the current call
    QColor blank;      // the blanked screen of a lecture (B)

    // Packets on the wire: TCP arrows are filled, UDP ones open; inferred ones dashed.
    QColor tcp;
    QColor udp;

    // The bytes panel: fields coloured by kind, ink on them.
    QColor byteFamily;
    QColor bytePort;
    QColor byteAddress;
    QColor byteExtra; // IPv6 flow info and scope id
    QColor byteOther; // padding, and the header fields that are not ports or addresses

    // Tinted rows and labels, ink on them: a socket new, changed or closed in the inspector,
    // the inline message (an error) and the current call's line.
    QColor markNew;
    QColor markChanged;
    QColor markClosed;
    QColor message;
    QColor currentCall;

    // The default: dark ink on white, strong colours that survive a projector.
    static Theme light();
    static Theme dark();
    // `System` is light or dark as the desktop's palette is (its window darker than its text
    // is a dark desktop).
    static Theme forChoice(ThemeChoice choice, const QPalette& desktop);
    static bool isDarkPalette(const QPalette& palette);

    // The theme in use, light until apply() says otherwise. Views copy it when built and
    // again on QEvent::PaletteChange, which apply() causes.
    static const Theme& current();
    // Makes `theme` current and its palette the application's (Fusion style, which honours
    // every role); every widget then gets a PaletteChange and redraws or rebuilds its HTML.
    static void apply(const Theme& theme);
    // The desktop's palette as it was before SocketScope set its own.
    static QPalette desktopPalette();

    // A complete palette, for all three colour groups.
    QPalette palette() const;
    // `colour` laid thinly over the background: a box's fill behind text in that colour.
    QColor tint(const QColor& colour, qreal amount = 0.15) const;

    bool operator==(const Theme&) const = default;
};

// WCAG 2 relative luminance and contrast ratio (1 to 21).
double relativeLuminance(const QColor& colour);
double contrastRatio(const QColor& a, const QColor& b);

} // namespace SocketScope
