#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct TsCount {
    int messages = 0;
    QStringList untranslated;
};

TsCount countTs(const QString& path)
{
    TsCount count;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return count;
    QXmlStreamReader xml(&file);
    QString source;
    while (!xml.atEnd()) {
        if (!xml.readNextStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const bool unfinished =
                xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            // Plural forms are <numerusform> elements inside the translation.
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            ++count.messages;
            if (unfinished || text.isEmpty())
                count.untranslated << source;
        }
    }
    return count;
}

} // namespace

// Every user-visible string exists in French: the committed .ts is complete, and running
// lupdate on today's sources finds nothing new to translate.
class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void frenchIsComplete()
    {
        const QString ts =
            QStringLiteral(SOCKETSCOPE_SOURCE_DIR "/resources/translations/socketscope_fr.ts");
        const TsCount count = countTs(ts);
        QVERIFY(count.messages > 50);
        QVERIFY2(count.untranslated.isEmpty(),
                 qPrintable(count.untranslated.join(QLatin1Char('\n'))));
    }

    void sourcesHaveNoNewStrings()
    {
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("socketscope_fr.ts"));
        QVERIFY(QFile::copy(
            QStringLiteral(SOCKETSCOPE_SOURCE_DIR "/resources/translations/socketscope_fr.ts"),
            copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        QProcess lupdate;
        lupdate.start(QStringLiteral(SOCKETSCOPE_LUPDATE),
                      {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                       QStringLiteral("none"), QStringLiteral("-extensions"),
                       QStringLiteral("cpp,h"), QStringLiteral(SOCKETSCOPE_SOURCE_DIR "/core"),
                       QStringLiteral(SOCKETSCOPE_SOURCE_DIR "/widgets"),
                       QStringLiteral(SOCKETSCOPE_SOURCE_DIR "/app"), QStringLiteral("-ts"), copy});
        QVERIFY(lupdate.waitForFinished(120'000));
        QCOMPARE(lupdate.exitCode(), 0);
        const TsCount count = countTs(copy);
        QVERIFY2(count.untranslated.isEmpty(),
                 qPrintable(QStringLiteral("untranslated: ") +
                            count.untranslated.join(QStringLiteral(" | "))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
