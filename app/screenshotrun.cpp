#include "screenshotrun.h"

#include "mainwindow.h"
#include "sources/eventsource.h"
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
void waitFor(EventSource* source, const std::function<bool()>& done, int timeoutMs)
{
    if (done())
        return;
    QEventLoop loop;
    const auto check = [&] {
        if (done())
            loop.quit();
    };
    QObject::connect(&source->log(), &EventLog::callAppended, &loop, check);
    QObject::connect(&source->log(), &EventLog::callBlocked, &loop, check);
    QObject::connect(source, &EventSource::stateChanged, &loop, check);
    QObject::connect(source, &EventSource::canStepChanged, &loop, check);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
}

// Calls woken by the last step (the accept a connect completed) report a moment after it:
// wait until no event has arrived for `quietMs`, at most `timeoutMs`.
void waitUntilQuiet(EventSource* source, int quietMs, int timeoutMs)
{
    QEventLoop loop;
    QTimer quiet;
    quiet.setSingleShot(true);
    QObject::connect(&quiet, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&source->log(), &EventLog::callAppended, &loop, [&] { quiet.start(quietMs); });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    quiet.start(quietMs);
    loop.exec();
}

// Performs the requested steps for real, waits until the last one has returned or blocked and
// settles the animations.
void performSteps(MainWindow& window, int steps)
{
    EventSource* source = window.source();
    const auto settled = [source] {
        return source->canStep() || source->state() == EventSource::State::Finished;
    };
    for (int step = 0; step < steps; ++step) {
        waitFor(source, settled, 10'000);
        if (source->state() == EventSource::State::Finished)
            break;
        window.next();
    }
    if (steps > source->log().scenario().steps.size())
        waitFor(
            source, [source] { return source->state() == EventSource::State::Finished; }, 10'000);
    else
        waitFor(source, settled, 10'000);
    waitUntilQuiet(source, 150, 2000);
    window.stage()->skipAnimation();
    QCoreApplication::processEvents();
}

} // namespace

int takeScreenshot(MainWindow& window, const CommandLineOptions& options, QTextStream& err)
{
    window.resize(options.windowSize);
    window.show();
    performSteps(window, options.steps);
    const QPixmap picture = window.grab();
    if (!picture.save(options.screenshotPath, "PNG")) {
        err << Tr::tr("--screenshot: could not write %1.").arg(options.screenshotPath) << Qt::endl;
        return 1;
    }
    return 0;
}

int exportPicture(MainWindow& window, const CommandLineOptions& options, QTextStream& err)
{
    performSteps(window, options.steps);
    QString error;
    if (!window.exportPanel(options.exportPanel, options.exportFormat, options.exportPath,
                            options.exportSize, &error)) {
        err << QStringLiteral("socketscope: ") << error << Qt::endl;
        return 1;
    }
    return 0;
}

} // namespace SocketScope
