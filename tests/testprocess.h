#pragma once

#include <QProcess>
#include <QStringList>

namespace SocketScope::TestProcess {

struct Run {
    int exitCode = -1; // -1: crashed or did not finish
    QString out;
    QString err;
};

// Runs a program to its end (two minutes at most), with `input` on its standard input, and
// keeps what it printed.
inline Run run(const QStringList& arguments,
               const QString& program = QStringLiteral(SOCKETSCOPE_BINARY),
               const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment(),
               const QByteArray& input = {})
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    process.write(input);
    process.closeWriteChannel();
    Run result;
    if (!process.waitForFinished(120'000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

// The environment without any display: what must work on a machine without one.
inline QProcessEnvironment withoutDisplay()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : {QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("DISPLAY"),
                                QStringLiteral("WAYLAND_DISPLAY")})
        environment.remove(name);
    return environment;
}

} // namespace SocketScope::TestProcess
