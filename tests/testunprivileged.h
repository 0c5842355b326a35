#pragma once

// The app where a user without rights on the build folder can run it: the build folder may be
// closed to others (a clone in a folder made by mktemp), so the program and the shared
// libraries it loads are copied to `dir`, and found there through LD_LIBRARY_PATH.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>

namespace TestUnprivileged {

// The copied program's path, or an empty string when a file could not be copied.
inline QString copyApp(const QString& dir, QProcessEnvironment* environment)
{
    const QDir build = QFileInfo(QStringLiteral(SOCKETSCOPE_BINARY)).dir();
    const QStringList files{QStringLiteral(SOCKETSCOPE_BINARY),
                            build.filePath(QStringLiteral("libsocketscope_app.so")),
                            build.filePath(QStringLiteral("../widgets/libsocketscope_widgets.so")),
                            build.filePath(QStringLiteral("../core/libsocketscope_core.so"))};
    for (const QString& file : files) {
        if (!QFile::copy(file, QDir(dir).filePath(QFileInfo(file).fileName())))
            return {};
    }
    environment->insert(QStringLiteral("LD_LIBRARY_PATH"), dir);
    return QDir(dir).filePath(QStringLiteral("socketscope"));
}

} // namespace TestUnprivileged
