#include "scenarios/coursechapters.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

static void initCourseResources()
{
    Q_INIT_RESOURCE(course);
}

namespace SocketScope::CourseChapters {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("Scenario", text);
}

} // namespace

std::optional<QList<CourseChapter>> parse(const QByteArray& json, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    const QJsonValue chapters = document.object().value(QLatin1String("chapters"));
    if (parseError.error != QJsonParseError::NoError || !chapters.isArray()) {
        *error = tr("the course's chapters must be an object with a \"chapters\" list");
        return std::nullopt;
    }
    QList<CourseChapter> parsed;
    for (const QJsonValue& value : chapters.toArray()) {
        const QJsonObject object = value.toObject();
        const QJsonObject title = object.value(QLatin1String("title")).toObject();
        CourseChapter chapter;
        chapter.id = object.value(QLatin1String("id")).toString();
        chapter.title = {title.value(QLatin1String("fr")).toString(),
                         title.value(QLatin1String("en")).toString()};
        for (const QJsonValue& id : object.value(QLatin1String("scenarios")).toArray())
            chapter.scenarioIds << id.toString();
        if (chapter.id.isEmpty() || chapter.title.fr.isEmpty() || chapter.title.en.isEmpty() ||
            chapter.scenarioIds.contains(QString())) {
            *error = tr("a chapter of the course needs an id, a title in fr and en, and a list "
                        "of scenario ids");
            return std::nullopt;
        }
        parsed << chapter;
    }
    return parsed;
}

QList<CourseChapter> builtIn(QString* error)
{
    initCourseResources();
    QFile file(QStringLiteral(":/course/chapters.json"));
    QString problem;
    std::optional<QList<CourseChapter>> chapters;
    if (file.open(QIODevice::ReadOnly))
        chapters = parse(file.readAll(), &problem);
    else
        problem = file.errorString();
    if (error)
        *error = problem;
    return chapters.value_or(QList<CourseChapter>());
}

} // namespace SocketScope::CourseChapters
