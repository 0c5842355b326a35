#include "engine/siblingprogram.h"

#include <QCoreApplication>
#include <QDir>

namespace SocketScope {

QString siblingProgram(const char* environmentVariable, const QString& fileName)
{
    const QString chosen = qEnvironmentVariable(environmentVariable);
    if (!chosen.isEmpty())
        return chosen;
    return QDir(QCoreApplication::applicationDirPath()).filePath(fileName);
}

} // namespace SocketScope
