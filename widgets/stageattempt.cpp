#include "stageattempt.h"

#include "stagestate.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>

namespace SocketScope {

QFont fontOf(const QFont& family, qreal px, bool bold)
{
    QFont font = family;
    font.setPixelSize(qMax(1, int(px)));
    font.setBold(bold);
    return font;
}

QRectF StageAttempt::unite(const QList<QRectF>& rects)
{
    QRectF all;
    for (const QRectF& r : rects)
        all = all.isNull() ? r : all.united(r);
    return all;
}

void StageAttempt::translate(StageText& text, const QPointF& by)
{
    text.rect.translate(by);
    for (StageTextLine& line : text.lines)
        line.rect.translate(by);
}

QRectF StageAttempt::stageArea(const QSizeF& size, qreal t)
{
    const qreal margin = qMax(4.0, t * 0.3);
    return QRectF(margin, margin, size.width() - 2 * margin, size.height() - 2 * margin);
}

int StageAttempt::add(StageText text)
{
    text.pixelSize = scene.textPixels;
    scene.texts.append(std::move(text));
    return int(scene.texts.size() - 1);
}

StageText StageAttempt::block(StageText::Kind kind, int owner, const QList<Paragraph>& paragraphs,
                              qreal width, bool centred, bool* brokeWord) const
{
    StageText text;
    text.kind = kind;
    text.owner = owner;
    qreal y = 0;
    QList<QRectF> rects;
    for (const Paragraph& paragraph : paragraphs) {
        TextMeasure& measure = metrics(paragraph.bold);
        bool broke = false;
        const QStringList lines = wrapText(paragraph.text, measure, width, &broke);
        if (brokeWord)
            *brokeWord |= broke;
        for (const QString& line : lines) {
            const qreal advance = measure.advance(line);
            const qreal x = centred ? (width - advance) / 2 : 0;
            StageTextLine drawn{line, QRectF(x, y, advance, lineHeight()), paragraph.bold,
                                paragraph.ink};
            rects << drawn.rect;
            text.lines << drawn;
            y += lineHeight();
        }
        text.whole << paragraph.text;
    }
    text.rect = unite(rects);
    return text;
}

StageText StageAttempt::badgeFor(const StageEndpoint& endpoint, const QRectF& body) const
{
    const QString fd = QString::number(endpoint.fd);
    if (m_input.protocol) {
        StageText text = block(StageText::Kind::Badge, -1,
                               {{QStringLiteral("fd %1").arg(fd), true, StageInk::Ink},
                                {endpoint.datagram ? QStringLiteral("UDP") : QStringLiteral("TCP"),
                                 true, StageInk::Ink}},
                               body.width(), true);
        translate(text, QPointF(body.left(), body.center().y() - text.rect.height() / 2));
        return text;
    }
    StageText text =
        block(StageText::Kind::Badge, -1, {{fd, true, StageInk::Ink}}, body.width(), true);
    // A round badge on the telephone's body or the mailbox's front.
    const qreal side = qMin(body.height(), qMax(lineHeight(), text.rect.width() + m_t * 0.5));
    const QPointF centre =
        endpoint.datagram
            ? QPointF(body.left() + body.width() * 0.45, body.top() + body.height() * 0.58)
            : QPointF(body.center().x(), body.top() + body.height() * 0.7);
    QRectF circle(centre.x() - side / 2, centre.y() - side / 2, side, side);
    circle.moveBottom(qMin(circle.bottom(), body.bottom()));
    translate(text, circle.center() - text.rect.center());
    text.rect = circle;
    return text;
}

QSizeF StageAttempt::bodySize() const
{
    // A telephone or a mailbox, or the protocol view's box of two lines.
    const qreal height = m_attempt.iconLines * m_t;
    if (!m_input.protocol)
        return {height * 1.3, height};
    const qreal boxHeight = qMax(height, 2 * lineHeight() + m_t * 0.4);
    return {qMax(boxHeight * 1.2, m_bold.advance(QStringLiteral("fd 0000"))), boxHeight};
}

qreal StageAttempt::iconWidth(const StageEndpoint& socket) const
{
    // A ringing telephone's waves go on its right.
    const bool ringing =
        socket.phase == StageEndpoint::Phase::Listening && !m_input.protocol && !socket.datagram;
    const QSizeF body = bodySize();
    return body.width() + (ringing ? body.height() * 0.45 : 0);
}

QList<StageAttempt::Paragraph> StageAttempt::paragraphsOf(int endpoint, bool* shortened) const
{
    const StageLabel& label = m_input.labels.at(endpoint);
    QList<Paragraph> paragraphs;
    for (qsizetype i = 0; i < label.lines.size(); ++i) {
        const int leavesAt = label.brevity.value(i);
        if (leavesAt > 0 && leavesAt <= m_attempt.brevity && i != label.alertLine) {
            *shortened = true;
            continue;
        }
        const StageInk ink = i == label.alertLine ? StageInk::Alert
                             : label.muted        ? StageInk::Muted
                                                  : StageInk::Ink;
        const bool shortTitle = i == 0 && m_attempt.brevity >= 3 && !label.shortTitle.isEmpty();
        *shortened |= shortTitle;
        paragraphs.append({shortTitle ? label.shortTitle : label.lines[i], i == 0, ink});
    }
    return paragraphs;
}

// The widest word of a label that may not be broken (addresses and paths may).
qreal StageAttempt::widestWord(const QList<Paragraph>& paragraphs) const
{
    qreal widest = 0;
    for (const Paragraph& paragraph : paragraphs) {
        for (const QString& word : paragraph.text.split(QLatin1Char(' '))) {
            if (std::none_of(word.cbegin(), word.cend(),
                             [](QChar c) { return QStringView(u"/:-_.").contains(c); }))
                widest = qMax(widest, metrics(paragraph.bold).advance(word));
        }
    }
    return widest;
}

void StageAttempt::indexColumns()
{
    QHash<QString, qsizetype> columns;
    for (qsizetype column = m_input.actorIds.size() - 1; column >= 0; --column)
        columns.insert(m_input.actorIds[column], column); // the first of a repeated id
    m_membersOf.resize(m_input.actorIds.size());
    m_columnOf.reserve(m_state.endpoints.size());
    for (qsizetype i = 0; i < m_state.endpoints.size(); ++i) {
        const qsizetype column = columns.value(m_state.endpoints[i].actor, -1);
        m_columnOf.append(column);
        if (column >= 0)
            m_membersOf[column].append(int(i));
    }
}

QList<qreal> StageAttempt::columnWidths(qreal total) const
{
    // Each column as wide as its weight: with a spread, the more labels, the wider; never
    // narrower than its icons or the longest word of its heading.
    const qsizetype columns = qMax<qsizetype>(1, m_input.actorIds.size());
    QList<qreal> weights(columns, 0.0);
    QList<qreal> minimum(columns, 0.0);
    for (qsizetype i = 0; i < m_state.endpoints.size(); ++i) {
        const qsizetype column = m_columnOf[i];
        if (column < 0)
            continue;
        bool shortened = false;
        const QList<Paragraph> label = paragraphsOf(int(i), &shortened);
        weights[column] += label.isEmpty() ? 0.35 : 1.0;
        const qreal indent = m_state.endpoints[i].parentFd >= 0 ? m_t * 1.5 : 0;
        minimum[column] = std::max({minimum[column], iconWidth(m_state.endpoints[i]) + m_t * 2.1,
                                    widestWord(label) + indent + m_t * 0.7});
    }
    for (qsizetype column = 0; column < columns; ++column) {
        weights[column] = std::pow(qMax(0.35, weights[column]), m_attempt.spread);
        const QString name = m_input.actorNames.value(column);
        for (const QString& word : name.split(QLatin1Char(' ')))
            minimum[column] = qMax(minimum[column], m_bold.advance(word) + m_t * 0.7);
    }
    QList<qreal> widths(columns, 0.0);
    QList<bool> fixed(columns, false);
    for (qsizetype round = 0; round < columns; ++round) {
        qreal free = total;
        qreal weight = 0;
        for (qsizetype i = 0; i < columns; ++i) {
            if (fixed[i])
                free -= widths[i];
            else
                weight += weights[i];
        }
        bool settled = true;
        for (qsizetype i = 0; i < columns; ++i) {
            if (fixed[i])
                continue;
            widths[i] = free * weights[i] / weight;
            if (widths[i] < minimum[i] && free > 0) {
                widths[i] = minimum[i];
                fixed[i] = true;
                settled = false;
            }
        }
        if (settled)
            break;
    }
    return widths;
}

StageAttempt::CellPlan StageAttempt::planCell(int endpoint, qreal width, bool beside) const
{
    const StageEndpoint& socket = m_state.endpoints.at(endpoint);
    const bool listening = socket.phase == StageEndpoint::Phase::Listening;
    CellPlan plan;
    const QSizeF body = bodySize();
    const qreal bodyWidth = body.width();
    const qreal bodyHeight = body.height();
    plan.cell.body = QRectF(QPointF(0, 0), body);
    plan.cell.icon = QRectF(0, 0, iconWidth(socket), bodyHeight);
    qreal iconBlockHeight = bodyHeight;
    if (listening) {
        const int places = qBound(1, socket.backlog, 8);
        const qreal side = qMin(m_t * 0.8, bodyWidth / (places * 1.25));
        plan.cell.waitingLine =
            QRectF(0, bodyHeight + m_t * 0.25, places * side * 1.25 - side * 0.25, side);
        iconBlockHeight = plan.cell.waitingLine.bottom();
    }
    plan.badge = badgeFor(socket, plan.cell.body);
    plan.badge.owner = endpoint;

    const qreal iconBlockWidth = qMax(plan.cell.icon.width(), plan.cell.waitingLine.width());
    const QPointF labelAt =
        beside ? QPointF(iconBlockWidth + m_t * 0.5, 0) : QPointF(0, iconBlockHeight + m_t * 0.25);
    const qreal labelWidth = width - labelAt.x();
    if (labelWidth < m_t * 4) {
        plan.height = std::numeric_limits<qreal>::infinity();
        return plan;
    }
    bool shortened = false;
    const QList<Paragraph> paragraphs = paragraphsOf(endpoint, &shortened);
    bool brokeWord = false;
    plan.label = block(StageText::Kind::Label, endpoint, paragraphs, labelWidth, false, &brokeWord);
    // A word cut in two reads badly: a smaller text or a wider column reads better.
    if (brokeWord) {
        plan.height = std::numeric_limits<qreal>::infinity();
        return plan;
    }
    plan.label.whole = m_input.labels.at(endpoint).lines;
    plan.label.shortened = shortened;
    translate(plan.label, labelAt);
    if (plan.label.lines.isEmpty())
        plan.height = iconBlockHeight;
    else
        plan.height =
            beside ? qMax(iconBlockHeight, plan.label.rect.bottom()) : plan.label.rect.bottom();
    plan.cell.cell = QRectF(0, 0, width, plan.height);
    return plan;
}

bool StageAttempt::placeColumns(qreal top)
{
    const qreal bottom = scene.size.height() - qMax(6.0, m_t * 0.4);
    const qreal gap = m_t * 0.6;
    bool fits = true;
    for (qsizetype column = 0; column < scene.columns.size(); ++column) {
        const QList<int> members = m_membersOf.value(column);
        if (members.isEmpty())
            continue;
        const QRectF inner = scene.columns[column].adjusted(gap / 2, 0, -gap / 2, 0);
        const qreal indent = qMin(m_t * 1.5, inner.width() * 0.12);
        // Each label beside its icon, or under it where that is shorter (a narrow column).
        QList<CellPlan> chosen;
        qreal chosenHeight = gap * qreal(members.size() - 1);
        for (const int member : std::as_const(members)) {
            const qreal width =
                inner.width() - (m_state.endpoints[member].parentFd >= 0 ? indent : 0);
            CellPlan beside = planCell(member, width, true);
            CellPlan under = planCell(member, width, false);
            chosen << (under.height < beside.height ? under : beside);
            chosenHeight += chosen.last().height;
        }
        fits &= top + chosenHeight <= bottom;
        if (!fits && !m_attempt.lenient)
            return false;
        qreal y = top;
        for (qsizetype row = 0; row < members.size(); ++row) {
            CellPlan& plan = chosen[row];
            const int member = members[row];
            const QPointF at(inner.left() + (m_state.endpoints[member].parentFd >= 0 ? indent : 0),
                             y);
            StageCell& cell = scene.cells[member];
            cell = plan.cell;
            cell.cell.translate(at);
            cell.icon.translate(at);
            cell.body.translate(at);
            if (!cell.waitingLine.isNull())
                cell.waitingLine.translate(at);
            translate(plan.label, at);
            translate(plan.badge, at);
            cell.label = plan.label.lines.isEmpty() ? -1 : add(plan.label);
            cell.badge = add(plan.badge);
            y += plan.height + gap;
        }
    }
    return fits;
}

bool StageAttempt::build()
{
    const qsizetype columns = qMax<qsizetype>(1, m_input.actorIds.size());
    const QRectF area = stageArea(scene.size, m_t);
    qreal left = area.left();
    for (const qreal width : columnWidths(area.width())) {
        scene.columns.append(QRectF(left, area.top(), width, area.height()));
        left += width;
    }
    scene.cells.resize(m_state.endpoints.size());

    // The actors' names, each over its column, on as many lines as it needs.
    qreal headerHeight = 0;
    for (qsizetype i = 0; i < columns; ++i) {
        const QRectF column = scene.columns[i].adjusted(m_t * 0.3, 0, -m_t * 0.3, 0);
        const QString name = m_input.actorNames.value(i, m_input.actorIds.value(i));
        StageText header = block(StageText::Kind::Header, int(i),
                                 {{name, true, i == 0 ? StageInk::Server : StageInk::Client}},
                                 column.width(), true);
        translate(header, column.topLeft());
        headerHeight = qMax(headerHeight, header.rect.height());
        add(header);
    }
    if (m_attempt.lenient) {
        const bool cells = placeColumns(area.top() + headerHeight + m_t * 0.5);
        const bool refusals = placeRefusals();
        const bool outsiders = placeOutsiders();
        return placeExchange() && cells && refusals && outsiders;
    }
    return placeColumns(area.top() + headerHeight + m_t * 0.5) && placeRefusals() &&
           placeOutsiders() && placeExchange();
}

void StageAttempt::buildPlaceholder(const QString& sentence)
{
    const qreal width = scene.size.width() * 0.8;
    StageText text =
        block(StageText::Kind::Label, -1, {{sentence, false, StageInk::Muted}}, width, true);
    translate(text, QPointF(scene.size.width(), scene.size.height()) / 2 - text.rect.center());
    add(text);
    scene.fits = true;
}

} // namespace SocketScope
