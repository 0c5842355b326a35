#pragma once

// The app where a user without rights on the build folder can run it: the build folder may be
// closed to others (a clone in a folder made by mktemp), so the program and the shared
// libraries it loads are copied to `dir`, and found there through LD_LIBRARY_PATH.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
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

// ThreadSanitizer's options for a program run from `dir` by another user: the runtime reads the
// suppressions file as that user, so it is copied into `dir` (scripts/test.sh names it quoted).
// Empty when the options name no suppressions file or it could not be copied.
inline QString sanitizerOptionsFrom(const QString& dir, const QString& options)
{
    static const QRegularExpression suppressions(QStringLiteral("suppressions='([^']*)'"));
    const QRegularExpressionMatch match = suppressions.match(options);
    const QString copy = QDir(dir).filePath(QStringLiteral("tsan.supp"));
    if (!match.hasMatch() || !(QFile::exists(copy) || QFile::copy(match.captured(1), copy)))
        return {};
    QString readable = options;
    return readable.replace(match.capturedStart(1), match.capturedLength(1), copy);
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
    QStringList command{QStringLiteral("env"), QStringLiteral("LD_LIBRARY_PATH=") + dir};
    const QString sanitizer = sanitizerOptionsFrom(dir, qEnvironmentVariable("TSAN_OPTIONS"));
    if (!sanitizer.isEmpty())
        command << QStringLiteral("TSAN_OPTIONS=") + sanitizer;
    return command << tracer;
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
    const QString sanitizer =
        sanitizerOptionsFrom(dir, environment->value(QStringLiteral("TSAN_OPTIONS")));
    if (!sanitizer.isEmpty())
        environment->insert(QStringLiteral("TSAN_OPTIONS"), sanitizer);
    return QDir(dir).filePath(QStringLiteral("socketscope"));
}

} // namespace TestUnprivileged
