#pragma once

#include <QMenu>
#include <QPointer>

namespace SocketScope {

class TraceSource;

// "Next call of": one entry per call the traced programs wait to make while stepping
// ("tp_serveur_tcp 4242: accept(3)"), so that the user chooses whose call goes next where
// Next lets the oldest go, and can make the client connect before the server listens.
class NextCallMenu : public QMenu {
    Q_OBJECT
public:
    explicit NextCallMenu(QWidget* parent = nullptr);

    void setSource(TraceSource* source);
    // A call may be chosen now: the programs wait at one, and none let go is still running.
    bool canChoose() const;

Q_SIGNALS:
    // The user chose the paused call at that place in TraceSource::pausedCalls().
    void callChosen(int paused);
    void canChooseChanged();

private:
    void rebuild();

    QPointer<TraceSource> m_source;
};

} // namespace SocketScope
