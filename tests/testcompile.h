#pragma once

#include "export/cprogram.h"

#include <QProcess>
#include <QString>
#include <QStringList>

namespace SocketScope::TestCompile {

// Compiles one exported file with the command its first line gives; gcc's complaint if any.
inline QString compile(const CProgram::SourceFile& file, const QString& folder)
{
    QStringList arguments = QProcess::splitCommand(file.compileCommand);
    const QString program = arguments.takeFirst();
    QProcess gcc;
    gcc.setWorkingDirectory(folder);
    gcc.setProcessChannelMode(QProcess::MergedChannels);
    gcc.start(program, arguments);
    if (!gcc.waitForFinished(120'000))
        return QStringLiteral("gcc did not finish: ") + gcc.errorString();
    if (gcc.exitStatus() != QProcess::NormalExit || gcc.exitCode() != 0)
        return QString::fromLocal8Bit(gcc.readAll());
    return {};
}

} // namespace SocketScope::TestCompile
