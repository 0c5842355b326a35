#pragma once

#include "packets/packetevent.h"
#include "stagestate.h"
#include "theme.h"

#include <QTextBrowser>

#include <array>

namespace SocketScope {

// One card per descriptor with its quintuplet {protocol, local address, local port, remote
// address, remote port}: empty slots until a call fills them, each filled slot saying which
// call filled it and whether the system chose the value. A listening socket's card and the
// cards of the handsets accepted from it stand side by side. Past a few dozen descriptors (a
// traced server with many clients) it shows the ones that matter now and says how many
// it leaves out.
class TupleCardsView : public QTextBrowser {
    Q_OBJECT
public:
    explicit TupleCardsView(QWidget* parent = nullptr);

    void setActors(const QStringList& ids, const QStringList& names);
    void setState(const StageState& state);
    // Marks the cards of a packet's sender and receiver; an empty list clears the marks.
    void setHighlighted(const QList<PacketEnd>& ends);
    const QList<PacketEnd>& highlighted() const { return m_highlighted; }

    // The cards as HTML, also what tests read.
    QString cardsHtml() const;
    // "bind()", "connect(): chosen by the system", ... for one slot.
    QString provenance(const TupleField& field) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    // Which endpoints get a card, in the order they stand: every one, up to a bound.
    QList<qsizetype> shownCards() const;
    void writeCards();
    struct Card {
        QColor colour;
        QString heading;
        QList<std::array<QString, 3>> slots; // label, value, where it came from
        QString note;
        bool marked = false; // an end of the selected packet
    };
    Card card(const StageEndpoint& endpoint) const;
    QString slotValue(const StageEndpoint& endpoint, const TupleField& field, bool address) const;

    StageState m_state;
    bool m_written = false; // the document shows m_state with the current actors
    QString m_html;         // what the document was last given
    QStringList m_actorIds;
    QStringList m_actorNames;
    QList<PacketEnd> m_highlighted;
    Theme m_theme = Theme::current();
};

} // namespace SocketScope
