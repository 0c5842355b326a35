// StageAttempt's free space: what goes where no text stands, the crosses of refused calls,
// the programs outside SocketScope, the bubble and the letter.
#include "stageattempt.h"
#include "stageplacement.h"
#include "stagestate.h"

namespace SocketScope {

QList<QRectF> StageAttempt::obstacles() const
{
    QList<QRectF> all;
    for (const StageText& text : scene.texts)
        all << text.rect;
    for (const StageCell& cell : scene.cells) {
        all << cell.icon;
        if (!cell.waitingLine.isNull())
            all << cell.waitingLine;
    }
    for (const StageRefusal& refusal : scene.refusals)
        all << refusal.mark;
    // Texts placed later keep off the line to an outside program too: small squares along it.
    for (const StageOutsider& outsider : scene.outsiders) {
        all << outsider.icon;
        const qreal side = m_t * 0.4;
        for (int step = 1; step < 16; ++step) {
            const QPointF point = outsider.line.pointAt(step / 16.0);
            all << QRectF(point - QPointF(side, side) / 2, QSizeF(side, side));
        }
    }
    return all;
}

bool StageAttempt::placeRefusals()
{
    bool fits = true;
    for (qsizetype i = 0; i < m_state.endpoints.size(); ++i) {
        // The cross says the peer's system answered no; a connect() cancelled or left by a
        // process that ended got no answer.
        const StageEndpoint& endpoint = m_state.endpoints[i];
        if (endpoint.failedCall != Call::Connect ||
            endpoint.failureKind != StageEndpoint::FailureKind::Errno)
            continue;
        // The line goes towards the server's column, where the callee would be.
        const QPointF from = scene.anchor(int(i));
        const qreal direction = m_columnOf[i] > 0 ? -1 : 1;
        const qreal side = m_t * 1.4;
        const QPointF wanted = from + QPointF(direction * m_t * 6, 0);
        const auto spot = freeSpot(QSizeF(side, side), wanted, stageArea(scene.size, m_t),
                                   obstacles(), m_t * 0.25, m_t * 0.75);
        fits &= spot.has_value();
        if (!fits && !m_attempt.lenient)
            return false;
        scene.refusals.append(
            {int(i), spot.value_or(QRectF(wanted - QPointF(side, side) / 2, QSizeF(side, side)))});
    }
    return fits;
}

bool StageAttempt::placeOutsiders()
{
    bool fits = true;
    for (qsizetype i = 0; i < m_input.outsiders.size(); ++i) {
        const QStringList& lines = m_input.outsiders[i];
        if (lines.isEmpty())
            continue;
        QList<Paragraph> paragraphs;
        for (const QString& line : lines)
            paragraphs.append({line, paragraphs.isEmpty(), StageInk::Ink});
        StageText text = block(StageText::Kind::Label, -1, paragraphs, m_t * 12, true);
        // Its telephone stands beside the caller's, nearest a spot the line to it reaches
        // clear. The line leaves the caller's telephone by its side: its foot has the badge
        // above it and the caller's label below.
        const QRectF own = scene.cells.value(int(i)).icon;
        const qreal direction = m_columnOf[i] > 0 ? -1 : 1;
        const QPointF from(direction > 0 ? own.right() : own.left(), own.center().y());
        const qreal side = m_t * 2.4;
        const qreal gap = m_t * 0.3;
        const QSizeF size(qMax(side, text.rect.width()), side + gap + text.rect.height());
        const QPointF wanted = from + QPointF(direction * m_t * 3, m_t * 6);
        const QRectF area = stageArea(scene.size, m_t);
        const auto iconIn = [side](const QRectF& box) {
            return QRectF(box.center().x() - side / 2, box.top(), side, side);
        };
        // Nearest the wanted place, where the line to its telephone crosses nothing drawn but
        // the caller's own icon (the badge on it is text, and is not crossed): a spot whose
        // line would is set aside and the next one tried.
        const QList<QRectF> drawn = obstacles();
        const auto clear = [&](const QLineF& line) {
            for (const QRectF& obstacle : drawn) {
                for (int step = 1; step < 64 && obstacle != own; ++step) {
                    if (obstacle.contains(line.pointAt(step / 64.0)))
                        return false;
                }
            }
            return true;
        };
        const qreal inset = (size.width() - side) / 2;
        QList<QRectF> avoided = drawn;
        std::optional<QRectF> spot;
        for (int attempt = 0; attempt < 64 && !spot; ++attempt) {
            const auto found = freeSpot(size, wanted, area, avoided, m_t * 0.25, m_t * 0.75, from,
                                        qMin(inset, size.height() / 2));
            if (!found)
                break;
            if (clear(QLineF(from, pointerBase(iconIn(*found), from, 0))))
                spot = found;
            else
                avoided << *found;
        }
        if (!spot)
            spot = freeSpot(size, wanted, area, drawn, m_t * 0.25, m_t * 0.75);
        fits &= spot.has_value();
        if (!fits && !m_attempt.lenient)
            return false;
        const QRectF place =
            spot.value_or(QRectF(wanted - QPointF(size.width(), size.height()) / 2, size));
        const QRectF icon = iconIn(place);
        translate(text, QPointF(place.center().x() - text.rect.width() / 2, icon.bottom() + gap) -
                            text.rect.topLeft());
        text.whole = lines;
        const int label = add(text);
        scene.outsiders.append({int(i), QLineF(from, pointerBase(icon, from, 0)), icon, label});
    }
    return fits;
}

bool StageAttempt::placeExchange()
{
    const StageExchange& last = m_state.last;
    using Kind = StageExchange::Kind;
    const bool bubble = last.kind == Kind::Speech || last.kind == Kind::Heard;
    const bool letter = last.kind == Kind::Posted || last.kind == Kind::Collected;
    if (m_input.exchange.isEmpty() || (!bubble && !letter) || (last.from < 0 && last.to < 0))
        return true;
    const QPointF from = scene.anchor(last.from >= 0 ? last.from : last.to);
    const QPointF to = last.to >= 0 ? scene.anchor(last.to) : from;
    const QPointF between = (from + to) / 2;
    QList<Paragraph> paragraphs;
    for (const QString& line : m_input.exchange)
        paragraphs.append({line, false, StageInk::Ink});
    // On the most crowded stage, the first two lines; the rest in the tooltip.
    const bool shortened = m_attempt.brevity == stageMaxBrevity && paragraphs.size() > 2;
    if (shortened)
        paragraphs.resize(2);
    const qreal padding = m_t * 0.4;
    const qreal flap = letter ? lineHeight() * 0.9 : 0;
    const QRectF area = stageArea(scene.size, m_t);
    // As wide as the words need, narrower when that is the only way to find a free place;
    // a bubble where its pointer crosses no text if there is such a place.
    const QList<qreal> shares{0.6, 0.45, 0.3};
    for (const bool clearPointer : {true, false}) {
        if (clearPointer && !bubble)
            continue;
        for (const qreal share : shares) {
            const qreal width = qMax(m_t * 8, area.width() * share - 2 * padding);
            StageText text = block(bubble ? StageText::Kind::Bubble : StageText::Kind::Envelope, -1,
                                   paragraphs, width, false);
            const QSizeF size(text.rect.width() + 2 * padding,
                              text.rect.height() + 2 * padding + flap);
            QPointF wanted = between + QPointF(0, -(size.height() / 2 + m_t * 1.5));
            if (last.kind == Kind::Collected)
                wanted = from + QPointF(0, size.height() / 2 + m_t * 3);
            std::optional<QRectF> spot =
                clearPointer ? freeSpot(size, wanted, area, obstacles(), m_t * 0.25, m_t * 0.75,
                                        between, m_t * 0.8)
                             : freeSpot(size, wanted, area, obstacles(), m_t * 0.25, m_t * 0.75);
            const bool lastTry = !clearPointer && share == shares.last();
            if (!spot && !(lastTry && m_attempt.lenient))
                continue;
            const bool found = spot.has_value();
            if (!found)
                spot = QRectF(wanted - QPointF(size.width(), size.height()) / 2, size);
            translate(text,
                      spot->topLeft() + QPointF(padding, padding + flap) - text.rect.topLeft());
            text.rect = *spot;
            text.whole = m_input.exchange;
            text.shortened = shortened;
            const int index = add(text);
            if (bubble) {
                scene.bubble = index;
                scene.bubbleTip = between;
            } else {
                scene.envelope = index;
                scene.envelopeFrom = from;
            }
            return found;
        }
    }
    return false;
}

} // namespace SocketScope
