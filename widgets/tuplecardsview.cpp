#include "tuplecardsview.h"

#include <QEvent>
#include <QHash>

#include <algorithm>
#include <numeric>
#include <sys/socket.h>

namespace SocketScope {

namespace {

constexpr int cardsPerRow = 3;
// More cards than this are not read, and each costs the text layout a nested table: a
// server traced with a thousand clients would spend seconds on every update.
constexpr qsizetype mostCards = 12;

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

} // namespace

TupleCardsView::TupleCardsView(QWidget* parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    // A scroll bar that comes and goes would lay the cards out twice: once to learn it is
    // needed, once in the narrower space it leaves.
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setAccessibleName(tr("5-tuples"));
}

void TupleCardsView::setActors(const QStringList& ids, const QStringList& names)
{
    if (ids == m_actorIds && names == m_actorNames)
        return;
    m_actorIds = ids;
    m_actorNames = names;
    m_written = false;
}

void TupleCardsView::setState(const StageState& state)
{
    // The presenter gives the state on every update; a thousand unchanged cards are not
    // laid out again.
    if (m_written && state == m_state)
        return;
    m_state = state;
    m_written = true;
    writeCards();
}

void TupleCardsView::setHighlighted(const QList<PacketEnd>& ends)
{
    if (m_highlighted == ends)
        return;
    m_highlighted = ends;
    writeCards();
}

void TupleCardsView::changeEvent(QEvent* event)
{
    // Another theme: the colours are in the HTML, so it is written again.
    if (event->type() == QEvent::PaletteChange && !(m_theme == Theme::current())) {
        m_theme = Theme::current();
        writeCards();
    }
    QTextBrowser::changeEvent(event);
}

void TupleCardsView::writeCards()
{
    // Laying the cards out is the cost; the ones shown often stay the same while others
    // change.
    QString html = cardsHtml();
    if (html == m_html)
        return;
    m_html = std::move(html);
    setHtml(m_html);
}

QString TupleCardsView::provenance(const TupleField& field) const
{
    if (!field.source)
        return {};
    const QString call = Calls::name(*field.source) + QStringLiteral("()");
    if (field.source == Call::GetSockName)
        return tr("chosen by the system, read back with getsockname()");
    if (field.source == Call::RecvFrom)
        return tr("recvfrom(): sender of the last datagram");
    if (field.chosenBySystem && field.source == Call::Bind)
        return tr("bind() to port 0: chosen by the system");
    if (field.chosenBySystem)
        return tr("%1: chosen by the system").arg(call);
    return call;
}

QString TupleCardsView::slotValue(const StageEndpoint& endpoint, const TupleField& field,
                                  bool address) const
{
    if (!field.isFilled())
        return QStringLiteral("—");
    if (address && field.value == QLatin1String("*"))
        return endpoint.family == AF_INET6 ? tr("* (in6addr_any: every address)")
                                           : tr("* (INADDR_ANY: every address)");
    return field.value;
}

TupleCardsView::Card TupleCardsView::card(const StageEndpoint& endpoint) const
{
    const SocketTuple& tuple = endpoint.tuple;
    const bool closed = endpoint.phase == StageEndpoint::Phase::Closed;
    const int actor = int(m_actorIds.indexOf(endpoint.actor));
    Card card;
    // The colour repeats what the heading says in words: the actor's name, and "closed".
    card.colour = closed ? m_theme.muted : actor == 0 ? m_theme.server : m_theme.client;
    QString role = endpoint.parentFd >= 0 ? tr("accepted from descriptor %1").arg(endpoint.parentFd)
                   : endpoint.phase == StageEndpoint::Phase::Listening ? tr("listening")
                                                                       : QString();
    if (closed)
        role = tr("closed");
    card.marked = m_highlighted.contains(PacketEnd{endpoint.actor, endpoint.fd});
    if (card.marked)
        role += QStringLiteral(" \u2014 ") + tr("an end of the selected packet");
    card.heading = QStringLiteral("<b>%1 · %2</b> %3")
                       .arg(escaped(m_actorNames.value(actor, endpoint.actor)),
                            tr("descriptor %1").arg(endpoint.fd), escaped(role));
    struct Slot {
        QString label;
        const TupleField* field;
        bool address;
    };
    const bool unix = endpoint.family == AF_UNIX;
    QList<Slot> slots{{tr("protocol"), &tuple.protocol, false},
                      {unix ? tr("local path") : tr("local address"), &tuple.localAddress, true}};
    if (!unix)
        slots.append({tr("local port"), &tuple.localPort, false});
    slots.append({unix ? tr("remote path") : tr("remote address"), &tuple.remoteAddress, true});
    if (!unix)
        slots.append({tr("remote port"), &tuple.remotePort, false});
    for (const Slot& slot : slots) {
        card.slots.append({escaped(slot.label),
                           QStringLiteral("<b>%1</b>")
                               .arg(escaped(slotValue(endpoint, *slot.field, slot.address))),
                           slot.field->isFilled()
                               ? QStringLiteral("<i>%1</i>").arg(escaped(provenance(*slot.field)))
                               : QString()});
    }
    if (tuple.perDatagram) {
        card.note = QStringLiteral("<small><i>%1</i></small>")
                        .arg(tr("UDP without connect(): no remote side of its own, each datagram "
                                "carries its address (shown: the last one)."));
    }
    return card;
}

QList<qsizetype> TupleCardsView::shownCards() const
{
    // The ends of the selected packet, then listening sockets, then the other open ones,
    // then the closed ones; the latest first within each.
    const auto rank = [this](const StageEndpoint& endpoint) {
        if (m_highlighted.contains(PacketEnd{endpoint.actor, endpoint.fd}))
            return 0;
        if (endpoint.phase == StageEndpoint::Phase::Listening)
            return 1;
        return endpoint.phase == StageEndpoint::Phase::Closed ? 3 : 2;
    };
    QList<qsizetype> chosen(m_state.endpoints.size());
    std::iota(chosen.begin(), chosen.end(), 0);
    if (chosen.size() > mostCards) {
        std::stable_sort(chosen.begin(), chosen.end(), [&](qsizetype a, qsizetype b) {
            const int rankA = rank(m_state.endpoints[a]);
            const int rankB = rank(m_state.endpoints[b]);
            return rankA != rankB ? rankA < rankB : a > b;
        });
        chosen.resize(mostCards);
        std::sort(chosen.begin(), chosen.end());
    }
    // A listener's accepted handsets follow it, so that they stand side by side: each after
    // the latest earlier card of its actor with the descriptor it was accepted from.
    QHash<qsizetype, qsizetype> listenerOf;
    for (const qsizetype i : chosen) {
        const StageEndpoint& handset = m_state.endpoints[i];
        if (handset.parentFd < 0)
            continue;
        for (const qsizetype j : chosen) {
            const StageEndpoint& listener = m_state.endpoints[j];
            if (j < i && listener.fd == handset.parentFd && listener.actor == handset.actor)
                listenerOf[i] = j;
        }
    }
    QList<qsizetype> order;
    for (const qsizetype i : chosen) {
        if (listenerOf.contains(i))
            continue;
        order.append(i);
        for (const qsizetype j : chosen) {
            if (listenerOf.value(j, -1) == i)
                order.append(j);
        }
    }
    return order;
}

QString TupleCardsView::cardsHtml() const
{
    if (m_state.endpoints.isEmpty())
        return QStringLiteral("<p><i>%1</i></p>")
            .arg(tr("No descriptor yet: socket() creates the first one."));
    const QList<qsizetype> order = shownCards();
    QString html;
    if (order.size() < m_state.endpoints.size()) {
        const auto closed = std::count_if(
            m_state.endpoints.cbegin(), m_state.endpoints.cend(),
            [](const StageEndpoint& each) { return each.phase == StageEndpoint::Phase::Closed; });
        html += QStringLiteral("<p><i>%1</i></p>")
                    .arg(tr("%1 of %2 descriptors (%3 of them closed): the ends of the selected "
                            "packet, the listening sockets, then the latest open ones, then the "
                            "latest closed ones. The call list holds every call.")
                             .arg(order.size())
                             .arg(m_state.endpoints.size())
                             .arg(closed));
    }
    // One table for every card, three columns each: nested tables cost the text layout
    // several passes each, three times the time of one table.
    html += QStringLiteral("<table cellspacing='0' cellpadding='4' width='100%'>");
    const QString gap = QStringLiteral("<td width='2%'>&nbsp;</td>");
    const QString none = QStringLiteral("<td colspan='3'></td>");
    for (qsizetype first = 0; first < order.size(); first += cardsPerRow) {
        QList<Card> cards;
        for (qsizetype i = first; i < std::min(first + cardsPerRow, order.size()); ++i)
            cards.append(card(m_state.endpoints[order[i]]));
        qsizetype rows = 0;
        bool notes = false;
        for (const Card& each : std::as_const(cards)) {
            rows = std::max(rows, each.slots.size());
            notes = notes || !each.note.isEmpty();
        }
        const auto cells = [&](const auto& cell) {
            html += QStringLiteral("<tr>");
            for (qsizetype i = 0; i < cardsPerRow; ++i) {
                if (i > 0)
                    html += gap;
                html += i < cards.size() ? cell(cards[i]) : none;
            }
            html += QStringLiteral("</tr>");
        };
        cells([this](const Card& each) {
            return QStringLiteral("<td colspan='3' bgcolor='%1' style='color:%2'>%3</td>")
                .arg(each.colour.name(), m_theme.onStrong.name(), each.heading);
        });
        for (qsizetype row = 0; row < rows; ++row) {
            cells([this, row, &none](const Card& each) {
                if (row >= each.slots.size())
                    return none;
                // A packet's ends stand out in colour as well as in the heading's words.
                const QString background =
                    each.marked ? QStringLiteral(" bgcolor='%1'")
                                      .arg(m_theme.tint(m_theme.highlight, 0.25).name())
                                : QString();
                // Every card as wide as the others: label, value, where it came from.
                static constexpr std::array<int, 3> widths{10, 10, 12};
                QString slot;
                for (qsizetype column = 0; column < 3; ++column) {
                    slot += QStringLiteral("<td width='%1%'%2>%3</td>")
                                .arg(widths[column])
                                .arg(background, each.slots[row][column]);
                }
                return slot;
            });
        }
        if (notes) {
            cells([](const Card& each) {
                return QStringLiteral("<td colspan='3'>%1</td>").arg(each.note);
            });
        }
        // A blank row between two rows of cards.
        if (first + cardsPerRow < order.size())
            html += QStringLiteral("<tr><td colspan='%1'></td></tr>").arg(cardsPerRow * 4 - 1);
    }
    return html + QStringLiteral("</table>");
}

} // namespace SocketScope
