#pragma once

#include "stagestate.h"

#include <QStringList>

namespace SocketScope {

// No course scenario comes near these; a traced server with a thousand clients goes far past
// them, and a stage of a thousand columns can be neither read nor laid out in a frame.
constexpr qsizetype stageMostActors = 8;
constexpr qsizetype stageMostDescriptorsPerActor = 8;

// How much of a crowd a stage draws: at most the constants above, fewer where its size
// leaves room for fewer.
struct StageCrowdBounds {
    qsizetype actors = stageMostActors;
    qsizetype descriptorsPerActor = stageMostDescriptorsPerActor;
};

// The part of a crowded stage that is drawn, and how much was left out.
struct StageCrowd {
    StageState state;     // the descriptors drawn; lines and the last exchange renumbered
    QList<int> given;     // by descriptor drawn, its index in the state given
    QStringList actorIds; // the actors drawn, in the order given
    qsizetype actors = 0; // how many there were in all
    qsizetype endpoints = 0;

    bool folded() const { return actorIds.size() < actors || state.endpoints.size() < endpoints; }
};

// A stage with more than stageMostActors actors or stageMostDescriptorsPerActor descriptors
// in one is a crowd: it keeps at most `bounds`, the ones that matter now: the first actor (the
// server), the last exchange's, those with calls in progress, then those with open
// descriptors, the latest first; in each actor, the descriptors of the last exchange, those
// in a call, the listening ones, the open ones, then the closed ones, the latest first. Lines
// go only between descriptors drawn. A stage within the constants is returned whole, as the
// layout has always drawn it, even where `bounds` are smaller: the fold is for crowds, not
// for a small window (which shrinks the text and the labels instead).
StageCrowd foldCrowd(const StageState& state, const QStringList& actorIds,
                     StageCrowdBounds bounds = {});

} // namespace SocketScope
