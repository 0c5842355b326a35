#pragma once

#include "stagelayout.h"
#include "stagetextwrap.h"

#include <map>

namespace SocketScope {

struct StageEndpoint;

// The font of a family at a pixel size and weight.
QFont fontOf(const QFont& family, qreal px, bool bold);

// The deepest brevity a label knows (StageLabel::brevity).
constexpr int stageMaxBrevity = 5;

// One way of trying the layout: the text size, the icons' height in lines of text, how
// brief the labels are, and how much wider the columns with more descriptors are (0: all
// alike, 1: in proportion).
struct StageTry {
    qreal px = 0;
    qreal iconLines = 3;
    int brevity = 0;
    qreal spread = 0;
    bool lenient = false; // place everything even where it does not fit
};

// The words' widths in every size and weight a layout tries, each measured once.
class StageMeasures {
public:
    explicit StageMeasures(const QFont& family)
        : m_family(family)
    {
    }
    TextMeasure& at(int px, bool bold)
    {
        const auto key = std::make_pair(px, bold);
        auto found = m_measures.find(key);
        if (found == m_measures.end())
            found = m_measures.try_emplace(key, fontOf(m_family, px, bold)).first;
        return found->second;
    }

private:
    QFont m_family;
    std::map<std::pair<int, bool>, TextMeasure> m_measures;
};

// One layout of the stage at one try: the columns and their headings, the cells, then the
// crosses of refused calls and the bubble or the letter in free space. build() says whether
// everything found its place.
class StageAttempt {
public:
    StageAttempt(const StageLayoutInput& input, const StageState& state, const StageTry& attempt,
                 StageMeasures& measures)
        : m_input(input)
        , m_state(state)
        , m_attempt(attempt)
        , m_t(attempt.px)
        , m_regular(measures.at(int(attempt.px), false))
        , m_bold(measures.at(int(attempt.px), true))
    {
        scene.size = input.size;
        scene.textPixels = qreal(int(attempt.px));
        indexColumns();
    }

    bool build();
    void buildPlaceholder(const QString& sentence);
    StageScene scene;

private:
    struct Paragraph {
        QString text;
        bool bold = false;
        StageInk ink = StageInk::Ink;
    };
    // What a cell holds before it is put in its place: laid out from (0, 0).
    struct CellPlan {
        StageCell cell;
        StageText label;
        StageText badge;
        qreal height = 0;
    };

    void indexColumns();
    static QRectF unite(const QList<QRectF>& rects);
    static void translate(StageText& text, const QPointF& by);
    static QRectF stageArea(const QSizeF& size, qreal t);
    TextMeasure& metrics(bool bold) const { return bold ? m_bold : m_regular; }
    qreal lineHeight() const { return m_regular.lineSpacing(); }
    StageText block(StageText::Kind kind, int owner, const QList<Paragraph>& paragraphs,
                    qreal width, bool centred, bool* brokeWord = nullptr) const;
    QSizeF bodySize() const;
    qreal iconWidth(const StageEndpoint& socket) const;
    QList<Paragraph> paragraphsOf(int endpoint, bool* shortened) const;
    qreal widestWord(const QList<Paragraph>& paragraphs) const;
    QList<qreal> columnWidths(qreal total) const;
    CellPlan planCell(int endpoint, qreal width, bool beside) const;
    StageText badgeFor(const StageEndpoint& endpoint, const QRectF& body) const;
    QList<QRectF> obstacles() const;
    bool placeColumns(qreal top);
    bool placeRefusals();
    bool placeOutsiders();
    bool placeExchange();
    int add(StageText text);

    const StageLayoutInput& m_input;
    const StageState& m_state;
    StageTry m_attempt;
    qreal m_t;
    TextMeasure& m_regular;
    TextMeasure& m_bold;
    // Found once: a stage of a thousand processes has a thousand columns.
    QList<qsizetype> m_columnOf;   // by endpoint: its actor's column, -1 for none
    QList<QList<int>> m_membersOf; // by column: its endpoints, in their order
};

} // namespace SocketScope
