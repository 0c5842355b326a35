#include "stagecrowd.h"

#include <QHash>

#include <algorithm>
#include <numeric>
#include <utility>
#include <vector>

namespace SocketScope {

namespace {

// What a descriptor stands for at the cursor, the most telling first.
enum class Standing { Shown, Waiting, Listening, Open, Closed, Nothing };

Standing standingOf(const StageState& state, qsizetype index)
{
    const StageEndpoint& endpoint = state.endpoints[index];
    if (state.last.from == index || state.last.to == index)
        return Standing::Shown; // the call at the cursor: its bubble or letter goes from it
    if (endpoint.waitingCall)
        return Standing::Waiting;
    if (endpoint.phase == StageEndpoint::Phase::Listening)
        return Standing::Listening;
    return endpoint.phase == StageEndpoint::Phase::Closed ? Standing::Closed : Standing::Open;
}

// The `most` best of `candidates` by `key` (the smaller the better), in their given order.
template <typename Key> QList<qsizetype> best(QList<qsizetype> candidates, qsizetype most, Key key)
{
    if (candidates.size() <= most)
        return candidates;
    // Each key once, before sorting: an actor's looks at all its descriptors.
    std::vector<std::pair<decltype(key(qsizetype())), qsizetype>> ranked;
    ranked.reserve(size_t(candidates.size()));
    for (const qsizetype candidate : std::as_const(candidates))
        ranked.emplace_back(key(candidate), candidate);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    candidates.clear();
    for (qsizetype i = 0; i < most; ++i)
        candidates.append(ranked[size_t(i)].second);
    std::sort(candidates.begin(), candidates.end());
    return candidates;
}

} // namespace

StageCrowd foldCrowd(const StageState& state, const QStringList& actorIds, StageCrowdBounds bounds)
{
    StageCrowd crowd;
    crowd.actors = actorIds.size();
    crowd.endpoints = state.endpoints.size();
    QHash<QString, QList<qsizetype>> endpointsOf;
    for (qsizetype i = 0; i < state.endpoints.size(); ++i)
        endpointsOf[state.endpoints[i].actor].append(i);
    const bool crowded =
        actorIds.size() > stageMostActors ||
        std::any_of(endpointsOf.cbegin(), endpointsOf.cend(), [](const QList<qsizetype>& own) {
            return own.size() > stageMostDescriptorsPerActor;
        });
    if (!crowded) {
        crowd.state = state;
        crowd.given.resize(state.endpoints.size());
        std::iota(crowd.given.begin(), crowd.given.end(), 0);
        crowd.actorIds = actorIds;
        return crowd;
    }

    // An actor counts by its most telling descriptor, then by its latest one.
    const auto actorKey = [&](qsizetype actor) {
        if (actor == 0)
            return std::pair(-1, qsizetype(0)); // the first column stays where it is
        const QList<qsizetype> own = endpointsOf.value(actorIds[actor]);
        Standing most = Standing::Nothing;
        for (const qsizetype index : own)
            most = std::min(most, standingOf(state, index));
        return std::pair(int(most), own.isEmpty() ? qsizetype(0) : -own.constLast());
    };
    QList<qsizetype> allActors(actorIds.size());
    std::iota(allActors.begin(), allActors.end(), 0);
    QList<qsizetype> kept;
    for (const qsizetype actor : best(allActors, qMin(bounds.actors, stageMostActors), actorKey)) {
        const QString& id = actorIds[actor];
        if (crowd.actorIds.contains(id))
            continue; // a repeated id: the layout gives its descriptors the first one's column
        crowd.actorIds << id;
        kept << best(
            endpointsOf.value(id), qMin(bounds.descriptorsPerActor, stageMostDescriptorsPerActor),
            [&](qsizetype index) { return std::pair(int(standingOf(state, index)), -index); });
    }
    std::sort(kept.begin(), kept.end());

    QList<int> drawnIndex(state.endpoints.size(), -1);
    for (const qsizetype index : kept) {
        drawnIndex[index] = int(crowd.state.endpoints.size());
        crowd.given << int(index);
        crowd.state.endpoints << state.endpoints[index];
    }
    const auto renumbered = [&](int index) {
        return index >= 0 && index < drawnIndex.size() ? drawnIndex[index] : -1;
    };
    for (StageLine line : state.lines) {
        line.from = renumbered(line.from);
        line.to = renumbered(line.to);
        if (line.from >= 0 && line.to >= 0)
            crowd.state.lines << line;
    }
    crowd.state.last = state.last;
    crowd.state.last.from = renumbered(state.last.from);
    crowd.state.last.to = renumbered(state.last.to);
    crowd.state.lastSeq = state.lastSeq;
    crowd.state.timeNs = state.timeNs;
    crowd.state.cursor = state.cursor;
    return crowd;
}

} // namespace SocketScope
