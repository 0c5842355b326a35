#include "statusline.h"

#include <QEvent>

namespace SocketScope {

namespace {

// A tooltip taller than the screen reads no better than none.
constexpr qsizetype paragraphsInTooltip = 20;

} // namespace

StatusLine::StatusLine(QWidget* parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
}

void StatusLine::setFullText(const QString& text)
{
    if (text == m_full)
        return;
    m_full = text;
    fit();
}

QSize StatusLine::sizeHint() const
{
    return {fontMetrics().averageCharWidth() * 40, fontMetrics().height()};
}

QSize StatusLine::minimumSizeHint() const
{
    return {0, fontMetrics().height()};
}

void StatusLine::resizeEvent(QResizeEvent* event)
{
    QLabel::resizeEvent(event);
    fit();
}

void StatusLine::changeEvent(QEvent* event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fit();
}

void StatusLine::fit()
{
    const QStringList paragraphs = m_full.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (paragraphs.isEmpty()) {
        QLabel::setText(QString());
        setToolTip(QString());
        return;
    }
    const qsizetype earlier = paragraphs.size() - 1;
    const QString line =
        earlier > 0
            ? tr("(%n earlier) %1", nullptr, int(earlier)).arg(paragraphs.last().simplified())
            : paragraphs.last().simplified();
    QLabel::setText(
        fontMetrics().elidedText(line, Qt::ElideRight, qMax(0, contentsRect().width())));
    QStringList tip = paragraphs.mid(qMax<qsizetype>(0, paragraphs.size() - paragraphsInTooltip));
    if (paragraphs.size() > paragraphsInTooltip)
        tip.prepend(tr("… and %n earlier", nullptr, int(paragraphs.size() - paragraphsInTooltip)));
    setToolTip(tip.join(QLatin1Char('\n')));
}

} // namespace SocketScope
