#include "stagelayout.h"

#include "stageattempt.h"
#include "stagestate.h"

#include <cmath>
#include <optional>

namespace SocketScope {

namespace {

// Tries layouts until one fits: the largest text first, then shorter labels.
class Fitter {
public:
    Fitter(const StageLayoutInput& input, const StageState& state)
        : m_input(input)
        , m_state(state)
        , m_measures(input.font)
    {
    }

    // The largest whole pixel size in [low, high] at which everything has a place, with
    // the largest icons that still leave it room.
    std::optional<StageScene> largest(int brevity, int low, int high)
    {
        // The largest first: an uncrowded stage fits at once. Then the smallest: a crowded one
        // often fits at no size with labels this long. Else a binary search between them.
        if (high < low)
            return std::nullopt;
        std::optional<StageTry> best = feasible(high, brevity);
        int top = best ? low - 1 : high - 1;
        if (!best && low < high) {
            best = feasible(low, brevity);
            if (!best)
                return std::nullopt;
            ++low;
        }
        while (low <= top) {
            const int middle = (low + top) / 2;
            if (const auto found = feasible(middle, brevity)) {
                best = found;
                low = middle + 1;
            } else {
                top = middle - 1;
            }
        }
        if (!best)
            return std::nullopt;
        return withRoomiestIcons(*best);
    }

    // What largest() would find, checked around where it found it last: the text one pixel
    // larger does not fit, nor (at the smallest text) the labels one step longer.
    std::optional<StageScene> around(StageFit fit, int low, int high)
    {
        if (fit.px < low || fit.px > high || fit.brevity > stageMaxBrevity)
            return std::nullopt;
        if (fit.brevity > 0 && feasible(low, fit.brevity - 1))
            return std::nullopt;
        const std::optional<StageTry> found = feasible(fit.px, fit.brevity);
        if (!found || (fit.px < high && feasible(fit.px + 1, fit.brevity)))
            return std::nullopt;
        return withRoomiestIcons(*found);
    }

    // Whether anything fits at all: the smallest text and the shortest labels are the
    // easiest to place.
    bool fitsSomehow(int smallest) { return feasible(smallest, stageMaxBrevity).has_value(); }

    StageScene lenient(int px)
    {
        StageAttempt builder(m_input, m_state, {qreal(px), 2.0, stageMaxBrevity, 1.0, true},
                             m_measures);
        builder.build();
        return builder.scene;
    }

    StageScene placeholder(int px)
    {
        StageAttempt builder(m_input, m_state, {qreal(px), 3.0, 0, 0.0, true}, m_measures);
        builder.buildPlaceholder(m_input.placeholder);
        return builder.scene;
    }

private:
    std::optional<StageScene> withRoomiestIcons(const StageTry& fitting)
    {
        for (const qreal iconLines : {3.0, 2.5}) {
            StageTry roomier = fitting;
            roomier.iconLines = iconLines;
            if (auto scene = build(roomier))
                return scene;
        }
        return build(fitting);
    }

    // Whether `px` fits with the smallest icons: columns of equal width, or wider for the
    // actors with more descriptors.
    std::optional<StageTry> feasible(int px, int brevity)
    {
        QList<qreal> iconSizes{2.0};
        if (brevity == stageMaxBrevity)
            iconSizes << 1.7;
        for (const qreal iconLines : iconSizes) {
            for (const qreal spread : {0.0, 0.5, 1.0}) {
                const StageTry attempt{qreal(px), iconLines, brevity, spread, false};
                if (build(attempt))
                    return attempt;
            }
        }
        return std::nullopt;
    }

    std::optional<StageScene> build(const StageTry& attempt)
    {
        StageAttempt builder(m_input, m_state, attempt, m_measures);
        if (!builder.build())
            return std::nullopt;
        builder.scene.fits = true;
        return builder.scene;
    }

    const StageLayoutInput& m_input;
    const StageState& m_state;
    StageMeasures m_measures;
};

} // namespace

qreal StageLayout::minimumTextPixels(const QSizeF& size, qreal zoom)
{
    return std::floor(qMax(13.0, std::floor(size.height() / 32)) * zoom);
}

qreal StageLayout::maximumTextPixels(const QSizeF& size, qreal zoom)
{
    return qMax(minimumTextPixels(size, zoom), std::floor(size.height() / 20 * zoom));
}

StageScene StageLayout::compute(const StageLayoutInput& input, const StageState& state)
{
    const int floor = qMax(int(minimumTextPixels(input.size, 1)), input.textFloor);
    const int zoomedFloor = qMax(int(minimumTextPixels(input.size, input.zoom)),
                                 int(std::floor(input.textFloor * input.zoom)));
    const int ceiling = qMax(int(maximumTextPixels(input.size, input.zoom)), zoomedFloor);
    Fitter fitter(input, state);
    std::optional<StageScene> scene;
    if (state.endpoints.isEmpty()) {
        scene = fitter.placeholder(ceiling);
    } else if (!fitter.fitsSomehow(qMin(floor, zoomedFloor))) {
        // A crowded stage (a traced server's thousand children) fits at no size: one
        // attempt says so, rather than a search at every size for every length of label.
        scene = fitter.lenient(floor);
    }
    if (!scene && input.lastFit) {
        scene = fitter.around(*input.lastFit, zoomedFloor, ceiling);
        if (scene)
            scene->fit = input.lastFit;
    }
    for (int brevity = 0; !scene && brevity <= stageMaxBrevity; ++brevity) {
        scene = fitter.largest(brevity, zoomedFloor, ceiling);
        if (scene)
            scene->fit = StageFit{brevity, int(scene->textPixels)};
    }
    // Zoomed in too far for this stage: the zoom gives way before the labels overlap.
    if (!scene)
        scene = fitter.largest(stageMaxBrevity, floor, zoomedFloor - 1);
    if (!scene)
        scene = fitter.lenient(floor);
    scene->minimumPixels = floor;
    return *scene;
}

} // namespace SocketScope
