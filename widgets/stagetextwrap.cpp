#include "stagetextwrap.h"

namespace SocketScope {

namespace {

// The longest start of `word` that fits in `width`, cut after a separator when one fits
// in its last two thirds; `anywhere` when it had to be cut elsewhere.
qsizetype fittingPrefix(const QString& word, TextMeasure& measure, qreal width, bool* anywhere)
{
    qsizetype low = 1;
    qsizetype high = word.size();
    while (low < high) {
        const qsizetype middle = (low + high + 1) / 2;
        if (measure.advance(word.left(middle)) <= width)
            low = middle;
        else
            high = middle - 1;
    }
    // A path breaks best after a slash, an address after a colon.
    for (const QChar separator : QStringView(u"/:-_.")) {
        for (qsizetype cut = low; cut > low / 3; --cut) {
            if (word.at(cut - 1) == separator)
                return cut;
        }
    }
    *anywhere = true;
    return low;
}

} // namespace

qreal TextMeasure::advance(const QString& text)
{
    const auto known = m_advances.constFind(text);
    if (known != m_advances.cend())
        return *known;
    const qreal width = m_metrics.horizontalAdvance(text);
    m_advances.insert(text, width);
    return width;
}

QStringList wrapText(const QString& text, TextMeasure& measure, qreal width, bool* brokeWord)
{
    bool anywhere = false;
    QStringList lines;
    QString current;
    // Words are measured alone and a line as their sum: what it costs to wrap many times.
    qreal currentWidth = 0;
    const qreal space = measure.advance(QStringLiteral(" "));
    for (QString word : text.split(QLatin1Char(' '))) {
        const qreal wordWidth = measure.advance(word);
        const qreal joinedWidth = current.isEmpty() ? wordWidth : currentWidth + space + wordWidth;
        if (joinedWidth <= width) {
            current = current.isEmpty() ? word : current + QLatin1Char(' ') + word;
            currentWidth = joinedWidth;
            continue;
        }
        if (!current.isEmpty())
            lines << current;
        while (word.size() > 1 && measure.advance(word) > width) {
            const qsizetype cut = fittingPrefix(word, measure, width, &anywhere);
            lines << word.left(cut);
            word.remove(0, cut);
        }
        current = word;
        currentWidth = measure.advance(word);
    }
    if (!current.isEmpty() || lines.isEmpty())
        lines << current;
    if (brokeWord)
        *brokeWord = anywhere;
    return lines;
}

} // namespace SocketScope
