#pragma once

// The app where a user without rights on the build folder can run it: the build folder may be
// closed to others (a clone in a folder made by mktemp), so the program and the shared
// libraries it loads are copied to `dir`, and found there through LD_LIBRARY_PATH.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QStringList>

namespace TestUnprivileged {

// A temporary folder another user may enter and run programs from (QTemporaryDir makes it its
// owner's only).
inline void openToOthers(const QString& dir)
{
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                   QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                   QFileDevice::ExeOther);
}

#ifdef SOCKETSCOPE_TRACER
// socketscope-tracer and the library it loads, copied into `dir`: the command that runs the
// copy (after a launcher such as setpriv), or an empty list when a file could not be copied.
inline QStringList copyTracer(const QString& dir)
{
    const QDir build = QFileInfo(QStringLiteral(SOCKETSCOPE_TRACER)).dir();
    const QString tracer = QDir(dir).filePath(QStringLiteral("socketscope-tracer"));
    if (!QFile::copy(QStringLiteral(SOCKETSCOPE_TRACER), tracer) ||
        !QFile::copy(build.filePath(QStringLiteral("../core/libsocketscope_core.so")),
                     QDir(dir).filePath(QStringLiteral("libsocketscope_core.so"))))
        return {};
    return {QStringLiteral("env"), QStringLiteral("LD_LIBRARY_PATH=") + dir, tracer};
}
#endif

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
