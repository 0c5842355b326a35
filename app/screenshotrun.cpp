#include "screenshotrun.h"

#include "mainwindow.h"
#include "sources/session.h"
#include "stageview.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QPixmap>
#include <QTextStream>
#include <QTimer>

#include <functional>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(Screenshot)
};

// Runs the event loop until the session says `done`, or `timeoutMs` passed (a scenario
// whose next step waits behind a blocked call of the same actor never becomes steppable).
void waitFor(Session* session, const std::function<bool()>& done, int timeoutMs)
{
    if (done())
        return;
    QEventLoop loop;
    const auto check = [&] {
        if (done())
            loop.quit();
    };
    QObject::connect(session, &Session::eventAppended, &loop, check);
    QObject::connect(session, &Session::callBlocked, &loop, check);
    QObject::connect(session, &Session::stateChanged, &loop, check);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
}

// Calls woken by the last step (the accept a connect completed) report a moment after it:
// wait until no event has arrived for `quietMs`, at most `timeoutMs`.
void waitUntilQuiet(Session* session, int quietMs, int timeoutMs)
{
    QEventLoop loop;
    QTimer quiet;
    quiet.setSingleShot(true);
    QObject::connect(&quiet, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(session, &Session::eventAppended, &loop, [&] { quiet.start(quietMs); });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    quiet.start(quietMs);
    loop.exec();
}

} // namespace

int takeScreenshot(MainWindow& window, const CommandLineOptions& options, QTextStream& err)
{
    window.resize(options.windowSize);
    window.show();
    Session* session = window.session();
    const auto settled = [session] {
        return session->canStep() || session->state() == Session::State::Finished;
    };
    for (int step = 0; step < options.steps; ++step) {
        waitFor(session, settled, 10'000);
        if (session->state() == Session::State::Finished)
            break;
        window.next();
    }
    if (options.steps > session->scenario().steps.size())
        waitFor(
            session, [session] { return session->state() == Session::State::Finished; }, 10'000);
    else
        waitFor(session, settled, 10'000);
    waitUntilQuiet(session, 150, 2000);
    window.stage()->skipAnimation();
    QCoreApplication::processEvents();

    const QPixmap picture = window.grab();
    if (!picture.save(options.screenshotPath, "PNG")) {
        err << Tr::tr("--screenshot: could not write %1.").arg(options.screenshotPath) << Qt::endl;
        return 1;
    }
    return 0;
}

} // namespace SocketScope
