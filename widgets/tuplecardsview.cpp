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

QString TupleCardsView::card(const StageEndpoint& endpoint) const
{
    const SocketTuple& tuple = endpoint.tuple;
    const bool closed = endpoint.phase == StageEndpoint::Phase::Closed;
    const int actor = int(m_actorIds.indexOf(endpoint.actor));
    // The colour repeats what the heading says in words: the actor's name, and "closed".
    const QString colour = (closed       ? m_theme.muted
                            : actor == 0 ? m_theme.server
                                         : m_theme.client)
                               .name();
    QString role = endpoint.parentFd >= 0 ? tr("accepted from descriptor %1").arg(endpoint.parentFd)
                   : endpoint.phase == StageEndpoint::Phase::Listening ? tr("listening")
                                                                       : QString();
    if (closed)
        role = tr("closed");
    const bool marked = m_highlighted.contains(PacketEnd{endpoint.actor, endpoint.fd});
    if (marked)
        role += QStringLiteral(" \u2014 ") + tr("an end of the selected packet");
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='4' width='100%' "
                                  "style='border: %1px solid %2'>")
                       .arg(marked ? 5 : 2)
                       .arg(colour);
    html += QStringLiteral("<tr><td colspan='3' style='background:%1; color:%2'><b>%3 · "
                           "%4</b> %5</td></tr>")
                .arg(colour, m_theme.onStrong.name(),
                     escaped(m_actorNames.value(actor, endpoint.actor)),
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
        const bool filled = slot.field->isFilled();
        html +=
            QStringLiteral("<tr><td>%1</td><td><b>%2</b></td><td><i>%3</i></td></tr>")
                .arg(escaped(slot.label), escaped(slotValue(endpoint, *slot.field, slot.address)),
                     filled ? escaped(provenance(*slot.field)) : QString());
    }
    if (tuple.perDatagram) {
        html += QStringLiteral("<tr><td colspan='3'><small><i>%1</i></small></td></tr>")
                    .arg(tr("UDP without connect(): no remote side of its own, each datagram "
                            "carries its address (shown: the last one)."));
    }
    return html + QStringLiteral("</table>");
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
    html += QStringLiteral("<table cellspacing='8' width='100%'><tr>");
    for (qsizetype i = 0; i < order.size(); ++i) {
        if (i > 0 && i % cardsPerRow == 0)
            html += QStringLiteral("</tr><tr>");
        html += QStringLiteral("<td valign='top' width='33%'>") +
                card(m_state.endpoints[order[i]]) + QStringLiteral("</td>");
    }
    return html + QStringLiteral("</tr></table>");
}

} // namespace SocketScope
