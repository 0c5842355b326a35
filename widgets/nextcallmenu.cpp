#include "nextcallmenu.h"

#include "sources/tracesource.h"

namespace SocketScope {

NextCallMenu::NextCallMenu(QWidget* parent)
    : QMenu(parent)
{
    setObjectName(QStringLiteral("nextCallMenu"));
    connect(this, &QMenu::aboutToShow, this, &NextCallMenu::rebuild);
}

void NextCallMenu::setSource(TraceSource* source)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = source;
    if (source) {
        connect(source, &EventSource::canStepChanged, this, [this] {
            // An open menu follows the programs: a call paused or let go meanwhile.
            if (isVisible())
                rebuild();
            Q_EMIT canChooseChanged();
        });
    }
    rebuild();
    Q_EMIT canChooseChanged();
}

bool NextCallMenu::canChoose() const
{
    return m_source && m_source->canStep();
}

void NextCallMenu::rebuild()
{
    clear();
    if (!m_source)
        return;
    const QList<TraceSource::PausedCall> paused = m_source->pausedCalls();
    for (int i = 0; i < paused.size(); ++i) {
        const TraceSource::PausedCall& call = paused.at(i);
        const QString name = QString::fromLatin1(Calls::name(call.call));
        const QString shown = call.fd >= 0 ? tr("%1: %2(%3)").arg(call.actor, name).arg(call.fd)
                                           : tr("%1: %2()").arg(call.actor, name);
        QAction* entry = addAction(shown);
        entry->setEnabled(canChoose() && call.choosable);
        connect(entry, &QAction::triggered, this, [this, i] { Q_EMIT callChosen(i); });
    }
    if (paused.isEmpty())
        addAction(tr("No program waits at a call"))->setEnabled(false);
}

} // namespace SocketScope
