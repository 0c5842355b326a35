#pragma once

#include "stagescene.h"

#include <QFont>

namespace SocketScope {

struct StageState;

// A descriptor's label as the view words it: its lines (the first, its name, in bold),
// which line tells a failure, and what a cramped stage may leave to the tooltip: by line,
// the brevity at which it goes (0: never; 1: the details of a closed descriptor; 2: what the
// picture shows too; 3: all but the name and the state; 4: a closed one's name and state;
// 5: the state). From brevity 3 on, the name is the short one.
struct StageLabel {
    QStringList lines;
    QList<int> brevity;
    QString shortTitle;
    int alertLine = -1;
    bool muted = false; // a closed descriptor
    bool operator==(const StageLabel&) const = default;
};

// What the stage has to show, worded: the view fills it, the layout places it.
struct StageLayoutInput {
    QSizeF size;    // the widget, in pixels
    qreal zoom = 1; // multiplies the text size
    // The smallest text the window asks for, in pixels, whatever the stage's own height
    // (presenter mode: 2.5 % of the window's height, read from the back of the room).
    int textFloor = 0;
    bool protocol = false;
    QFont font; // the family; sizes are the layout's
    QStringList actorIds;
    QStringList actorNames;
    QList<StageLabel> labels; // by endpoint index
    // By endpoint index: who is at the far end of a connection to a program outside
    // SocketScope (its name first); empty for the others.
    QList<QStringList> outsiders;
    QStringList exchange; // the bubble's or the letter's lines
    QString placeholder;  // what an empty stage says
    // Where the view's previous layout settled: tried first, as a stage that changed a little
    // usually settles there again, and confirmed as the search would find it.
    std::optional<StageFit> lastFit;
};

// Lays the stage out for the space it has: one column per actor (the first, usually the
// server, on the left), each descriptor in a cell of its actor's column with its label
// beside or under its icon, accepted handsets indented under their listener; then the
// bubble, the letter and the crosses of refused calls in free space. The text takes the
// largest size at which everything has a place; a label too long for a cramped stage keeps
// its first lines and leaves the rest to its tooltip. Nothing overlaps.
class StageLayout {
public:
    // The smallest text the stage accepts at `size`: 13 px, and 1/32 of the stage's height
    // (18 px on the 590 px high stage of a 1280×720 presentation), times the zoom.
    static qreal minimumTextPixels(const QSizeF& size, qreal zoom);
    static qreal maximumTextPixels(const QSizeF& size, qreal zoom);

    static StageScene compute(const StageLayoutInput& input, const StageState& state);
};

} // namespace SocketScope
