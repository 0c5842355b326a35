#pragma once

#include <QFont>
#include <QFontMetricsF>
#include <QHash>
#include <QStringList>

namespace SocketScope {

// The width of words in one font, each measured once: a layout tries many sizes and wraps
// the same words again and again.
class TextMeasure {
public:
    explicit TextMeasure(const QFont& font)
        : m_metrics(font)
    {
    }
    qreal advance(const QString& text);
    qreal lineSpacing() const { return m_metrics.lineSpacing(); }
    qreal ascent() const { return m_metrics.ascent(); }

private:
    QFontMetricsF m_metrics;
    QHash<QString, qreal> m_advances;
};

// Breaks `text` into lines no wider than `width`: between words; a word longer than a line
// (a path, an IPv6 address) after its last '/', ':', '-', '_' or '.' that fits, else
// anywhere, and then says so in `brokeWord`.
QStringList wrapText(const QString& text, TextMeasure& measure, qreal width,
                     bool* brokeWord = nullptr);

} // namespace SocketScope
