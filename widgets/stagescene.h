#pragma once

#include <QLineF>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <optional>

namespace SocketScope {

// The colour a piece of text takes; the painter's theme says which colour that is.
enum class StageInk { Ink, Muted, Alert, Server, Client };

// One line of text as drawn: its words and the box it fills (baseline at top + ascent).
struct StageTextLine {
    QString text;
    QRectF rect;
    bool bold = false;
    StageInk ink = StageInk::Ink;
    bool operator==(const StageTextLine&) const = default;
};

// A piece of text on the stage, laid out: an actor's heading, a descriptor's label or the
// number on its icon, the speech bubble, the letter.
struct StageText {
    enum class Kind { Header, Label, Badge, Bubble, Envelope };
    Kind kind = Kind::Label;
    int owner = -1;      // the actor (Header) or the endpoint (Label, Badge); -1 otherwise
    QRectF rect;         // all it covers: its lines, and a bubble's or envelope's frame
    qreal pixelSize = 0; // the font's pixel size on screen
    QList<StageTextLine> lines;
    QStringList whole;      // the full text, for the tooltip and the click
    bool shortened = false; // part of `whole` is not drawn
    bool operator==(const StageText&) const = default;
};

// Where one descriptor stands: its cell, its icon (with the ringing waves), the listening
// socket's waiting line.
struct StageCell {
    QRectF cell;
    QRectF icon;
    QRectF body;        // the telephone, mailbox or box itself, inside `icon`
    QRectF waitingLine; // empty unless listening
    int label = -1;     // index in StageScene::texts
    int badge = -1;
    bool operator==(const StageCell&) const = default;
};

// A refused connect(): the line goes out from the caller and ends in a cross.
struct StageRefusal {
    int endpoint = -1;
    QRectF mark;
    bool operator==(const StageRefusal&) const = default;
};

// A program outside SocketScope at the far end of a connection: its telephone, away from the
// columns, with who it is under it, and the line that joins it.
struct StageOutsider {
    int endpoint = -1; // the descriptor connected to it
    QLineF line;       // from that descriptor's icon to this one
    QRectF icon;
    int label = -1; // index in StageScene::texts
    bool operator==(const StageOutsider&) const = default;
};

// Where a layout settled: how brief its labels are, and its text size.
struct StageFit {
    int brevity = 0;
    int px = 0;
    bool operator==(const StageFit&) const = default;
};

// Everything the stage draws at one size, in widget pixels: computed by StageLayout, drawn
// by the painter, checked by the tests without pixels.
struct StageScene {
    QSizeF size;
    qreal textPixels = 0;        // the one size of every label, bubble and letter
    qreal minimumPixels = 0;     // what the stage promised never to go below
    bool fits = false;           // everything found a place at textPixels or more
    std::optional<StageFit> fit; // the largest text and longest labels that fit, if any
    QList<QRectF> columns;
    QList<StageCell> cells; // by endpoint index
    QList<StageText> texts;
    int bubble = -1;      // index in texts
    QPointF bubbleTip;    // where the bubble's tail points
    int envelope = -1;    // index in texts
    QPointF envelopeFrom; // where the letter comes from (its animation starts there)
    QList<StageRefusal> refusals;
    QList<StageOutsider> outsiders;

    QPointF anchor(int endpoint) const { return cells.value(endpoint).body.center(); }
    // The text under `point` (the last drawn, on top), else -1.
    int textAt(const QPointF& point) const;
    // The endpoint whose icon or label is under `point`, else -1.
    int endpointAt(const QPointF& point) const;
    bool operator==(const StageScene&) const = default;
};

} // namespace SocketScope
