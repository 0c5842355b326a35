#include "log/sessionfile.h"
#include "sources/replaysource.h"
#include "sources/session.h"
#include "testscenarios.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace SocketScope;

namespace {

std::optional<SavedSession> readBytes(const QByteArray& bytes, SessionFileError* error)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return SessionFile::read(buffer, error);
}

// A real session of tcp-echo, saved: the material every hostile file below is made from.
// Its packets are inferred: the session's default.
QByteArray savedTcpEcho()
{
    Session session;
    if (!TestScenarios::runToEnd(session, TestScenarios::builtIn(QStringLiteral("tcp-echo"))))
        return {};
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    SessionFile::write(session.log(), buffer);
    return buffer.data();
}

QList<QByteArray> linesOf(const QByteArray& file)
{
    return file.trimmed().split('\n');
}

QByteArray withLine(const QByteArray& file, int index, const QByteArray& line)
{
    QList<QByteArray> lines = linesOf(file);
    lines[index] = line;
    return lines.join('\n') + '\n';
}

// The first call line, as an object to spoil one field at a time.
int firstCallLine(const QList<QByteArray>& lines)
{
    for (int i = 0; i < lines.size(); ++i) {
        if (lines[i].contains("\"kind\":\"call\""))
            return i;
    }
    return -1;
}

} // namespace

// Saved sessions from outside: whatever a file holds, reading it gives the session or a clear
// message naming the line and what is wrong, never a crash and never a hang.
class TestSessionFile : public QObject {
    Q_OBJECT
private:
    QByteArray m_saved;

private Q_SLOTS:
    void initTestCase()
    {
        m_saved = savedTcpEcho();
        QVERIFY(!m_saved.isEmpty());
        SessionFileError error;
        QVERIFY2(readBytes(m_saved, &error), qPrintable(error.text()));
    }

    // Cut at the end of any line, a file is read as far as it goes and replayed to its end;
    // cut inside a line, the message says the file was cut short.
    void truncatedAtEveryLine()
    {
        const QList<QByteArray> lines = linesOf(m_saved);
        QByteArray prefix;
        for (int i = 0; i < lines.size(); ++i) {
            SessionFileError error;
            const QByteArray cut = prefix + lines[i].left(lines[i].size() / 2);
            QVERIFY(!readBytes(cut, &error));
            QCOMPARE(error.line, qint64(i + 1));
            if (i > 0)
                QVERIFY2(error.message.contains(QLatin1String("cut short")),
                         qPrintable(error.text()));
            prefix += lines[i] + '\n';
            const auto whole = readBytes(prefix, &error);
            QVERIFY2(whole, qPrintable(error.text()));
            ReplaySource replay(*whole);
            while (replay.step()) {
            }
            QCOMPARE(replay.state(), EventSource::State::Finished);
            QVERIFY(replay.log().calls().size() <= whole->calls.size());
        }
    }

    void garbageIsNotASession_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QByteArray() << "empty";
        QTest::newRow("binary") << QByteArray("\x00\x01\xff\xfe garbage", 12) << "JSON";
        QTest::newRow("not an object") << QByteArray("[1, 2, 3]\n") << "JSON object";
        QTest::newRow("an old trace")
            << QByteArray("{\"kind\":\"step\",\"seq\":1}\n") << "not a SocketScope session";
        QTest::newRow("a pcap file") << QByteArray("\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8) << "JSON";
    }
    void garbageIsNotASession()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, says);
        SessionFileError error;
        QVERIFY(!readBytes(content, &error));
        QVERIFY2(error.text().contains(says), qPrintable(error.text()));
    }

    void newerFormatRefused()
    {
        QJsonObject header = QJsonDocument::fromJson(linesOf(m_saved).first()).object();
        header[QLatin1String("format")] = SessionFile::formatVersion + 1;
        SessionFileError error;
        QVERIFY(!readBytes(
            withLine(m_saved, 0, QJsonDocument(header).toJson(QJsonDocument::Compact)), &error));
        QCOMPARE(error.line, qint64(1));
        QVERIFY2(error.message.contains(QLatin1String("newer SocketScope")),
                 qPrintable(error.text()));
    }

    // Each field of a call spoilt in turn: the message names the line and the field.
    void wrongTypesNamed_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("says");
        QTest::newRow("seq text") << "seq" << QJsonValue(QStringLiteral("x")) << "\"seq\"";
        QTest::newRow("seq fraction") << "seq" << QJsonValue(1.5) << "\"seq\"";
        QTest::newRow("call unknown") << "call" << QJsonValue(QStringLiteral("launch")) << "launch";
        QTest::newRow("call number") << "call" << QJsonValue(3) << "\"call\"";
        QTest::newRow("actor unknown")
            << "actor" << QJsonValue(QStringLiteral("mallory")) << "mallory";
        QTest::newRow("step too far") << "step" << QJsonValue(99) << "\"step\"";
        QTest::newRow("arguments list") << "arguments" << QJsonValue(QJsonArray{1}) << "arguments";
        QTest::newRow("returned negative") << "returned" << QJsonValue(-3) << "\"returned\"";
        QTest::newRow("huge time") << "t_ns" << QJsonValue(1e300) << "\"t_ns\"";
        QTest::newRow("family unknown")
            << "family" << QJsonValue(QStringLiteral("AF_MARS")) << "AF_MARS";
    }
    void wrongTypesNamed()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, says);
        const QList<QByteArray> lines = linesOf(m_saved);
        const int line = firstCallLine(lines);
        QJsonObject call = QJsonDocument::fromJson(lines[line]).object();
        call[field] = value;
        SessionFileError error;
        QVERIFY(!readBytes(
            withLine(m_saved, line, QJsonDocument(call).toJson(QJsonDocument::Compact)), &error));
        QCOMPARE(error.line, qint64(line + 1));
        QVERIFY2(error.text().contains(says), qPrintable(error.text()));
    }

    // Typed values out of what the kernel could have given.
    void hostileValuesRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("fd") << "fd" << QJsonValue(1 << 30);
        QTest::newRow("address too long")
            << "address" << QJsonValue(QString(600, QLatin1Char('a')));
        QTest::newRow("address odd") << "address" << QJsonValue(QStringLiteral("0200abc"));
        QTest::newRow("address family")
            << "address" << QJsonValue(QStringLiteral("0a00138800000000"));
        // A size_t, or epoll_wait's int maxevents: never below INT_MIN.
        QTest::newRow("count") << "count" << QJsonValue(-(qint64(1) << 40));
        QTest::newRow("poll") << "poll" << QJsonValue(QJsonArray{QJsonArray{3}});
        QTest::newRow("payload") << "payload_hex" << QJsonValue(QStringLiteral("zz"));
    }
    void hostileValuesRefused()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        const QList<QByteArray> lines = linesOf(m_saved);
        const int line = firstCallLine(lines);
        QJsonObject call = QJsonDocument::fromJson(lines[line]).object();
        QJsonObject arguments = call[QLatin1String("arguments")].toObject();
        arguments[field] = value;
        call[QLatin1String("arguments")] = arguments;
        SessionFileError error;
        QVERIFY(!readBytes(
            withLine(m_saved, line, QJsonDocument(call).toJson(QJsonDocument::Compact)), &error));
        QVERIFY2(error.text().contains(QStringLiteral("arguments.") + field),
                 qPrintable(error.text()));
    }

    // An inferred packet's two ends are read as the addresses they were: an IPv4 or IPv6
    // sockaddr each, of one family.
    void inferredPacketEndsChecked_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("says");
        const QString unix = QStringLiteral("01002f746d702f78"); // AF_UNIX "/tmp/x"
        const QString v6 = QStringLiteral("0a00138800000000000000000000000000000000000000010000"
                                          "0000"); // [::1]:5000
        QTest::newRow("missing") << "src_addr" << QJsonValue() << "header.src_addr";
        QTest::newRow("unix") << "src_addr" << QJsonValue(unix) << "header.src_addr";
        QTest::newRow("two families") << "dst_addr" << QJsonValue(v6) << "header.dst_addr";
        QTest::newRow("odd") << "dst_addr" << QJsonValue(QStringLiteral("020"))
                             << "header.dst_addr";
    }
    void inferredPacketEndsChecked()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, says);
        const QByteArray& saved = m_saved;
        const QList<QByteArray> lines = linesOf(saved);
        const auto line = std::find_if(lines.cbegin(), lines.cend(), [](const QByteArray& l) {
            return l.contains("\"kind\":\"packet\"");
        });
        QVERIFY(line != lines.cend());
        QJsonObject packet = QJsonDocument::fromJson(*line).object();
        QJsonObject header = packet[QLatin1String("header")].toObject();
        QVERIFY(header.contains(field));
        if (value.isNull())
            header.remove(field);
        else
            header[field] = value;
        packet[QLatin1String("header")] = header;
        const int index = int(line - lines.cbegin());
        SessionFileError error;
        QVERIFY(!readBytes(
            withLine(saved, index, QJsonDocument(packet).toJson(QJsonDocument::Compact)), &error));
        QCOMPARE(error.line, qint64(index + 1));
        QVERIFY2(error.text().contains(says), qPrintable(error.text()));
    }

    // A traced process's end: read in its place (counting only the calls the file has), or
    // refused naming the field.
    void processEndChecked_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("says");
        QTest::newRow("valid") << "" << QJsonValue() << "";
        QTest::newRow("signal 65") << "signal" << QJsonValue(65) << "\"signal\"";
        QTest::newRow("signal 0") << "signal" << QJsonValue(0) << "\"signal\"";
        QTest::newRow("status beside a signal") << "status" << QJsonValue(0) << "no exit status";
        QTest::newRow("no place") << "calls_returned" << QJsonValue() << "\"calls_returned\"";
        QTest::newRow("status 256") << "status" << QJsonValue(256) << "\"status\"";
        QTest::newRow("actor unknown")
            << "actor" << QJsonValue(QStringLiteral("intruder")) << "intruder";
        QTest::newRow("no seq") << "seq" << QJsonValue() << "\"seq\"";
        QTest::newRow("seq taken") << "seq" << QJsonValue(1) << "twice";
        QTest::newRow("calls text")
            << "calls_returned" << QJsonValue(QStringLiteral("3")) << "\"calls_returned\"";
        QTest::newRow("exec beside a signal") << "exec" << QJsonValue(true) << "goes on";
        QTest::newRow("closed without exec")
            << "closed" << QJsonValue(QJsonArray{4}) << "only an exec";
    }

    // An exec that closed close-on-exec sockets: kept, and checked.
    void execEndChecked_data()
    {
        QTest::addColumn<QJsonValue>("closed");
        QTest::addColumn<QString>("says");
        QTest::newRow("valid") << QJsonValue(QJsonArray{4, 7}) << "";
        QTest::newRow("none") << QJsonValue(QJsonArray{}) << "must list the sockets";
        QTest::newRow("missing") << QJsonValue() << "must list the sockets";
        QTest::newRow("negative") << QJsonValue(QJsonArray{-1}) << "descriptors";
        QTest::newRow("beyond nr_open") << QJsonValue(QJsonArray{1 << 20}) << "descriptors";
        QTest::newRow("a half") << QJsonValue(QJsonArray{3.5}) << "descriptors";
        QTest::newRow("a word") << QJsonValue(QJsonArray{QStringLiteral("4")}) << "descriptors";
        QTest::newRow("not a list") << QJsonValue(4) << "list";
    }
    void execEndChecked()
    {
        QFETCH(QJsonValue, closed);
        QFETCH(QString, says);
        QJsonObject end{{QStringLiteral("kind"), QStringLiteral("process_end")},
                        {QStringLiteral("seq"), qint64(1) << 40},
                        {QStringLiteral("t_ns"), 5},
                        {QStringLiteral("actor"), QStringLiteral("server")},
                        {QStringLiteral("exec"), true},
                        {QStringLiteral("calls_returned"), 1}};
        if (!closed.isNull())
            end[QStringLiteral("closed")] = closed;
        const QByteArray file = m_saved + QJsonDocument(end).toJson(QJsonDocument::Compact) + '\n';
        SessionFileError error;
        const auto read = readBytes(file, &error);
        if (says.isEmpty()) {
            QVERIFY2(read, qPrintable(error.text()));
            QCOMPARE(read->processEnds.size(), 1);
            QVERIFY(read->processEnds[0].exec);
            QCOMPARE(read->processEnds[0].closed, (QList<int>{4, 7}));
            return;
        }
        QVERIFY(!read);
        QVERIFY2(error.text().contains(says), qPrintable(error.text()));
    }
    void processEndChecked()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, says);
        QJsonObject end{{QStringLiteral("kind"), QStringLiteral("process_end")},
                        {QStringLiteral("seq"), qint64(1) << 40},
                        {QStringLiteral("t_ns"), 5},
                        {QStringLiteral("actor"), QStringLiteral("server")},
                        {QStringLiteral("signal"), 9},
                        {QStringLiteral("calls_returned"), 200'000}};
        if (!field.isEmpty()) {
            if (value.isNull())
                end.remove(field);
            else
                end[field] = value;
        }
        const QByteArray file = m_saved + QJsonDocument(end).toJson(QJsonDocument::Compact) + '\n';
        SessionFileError error;
        const auto read = readBytes(file, &error);
        if (says.isEmpty()) {
            QVERIFY2(read, qPrintable(error.text()));
            QCOMPARE(read->processEnds.size(), 1);
            QCOMPARE(read->processEnds[0].signal, 9);
            QCOMPARE(read->processEnds[0].actor, QStringLiteral("server"));
            QCOMPARE(read->processEnds[0].callsReturned, int(read->calls.size()));
            return;
        }
        QVERIFY(!read);
        QCOMPARE(error.line, qint64(linesOf(m_saved).size() + 1));
        QVERIFY2(error.text().contains(says), qPrintable(error.text()));
    }

    void duplicateSeqRefused()
    {
        const QList<QByteArray> lines = linesOf(m_saved);
        const int line = firstCallLine(lines);
        QByteArray file = m_saved + lines[line] + '\n';
        SessionFileError error;
        QVERIFY(!readBytes(file, &error));
        QVERIFY2(error.message.contains(QLatin1String("twice")), qPrintable(error.text()));
        QCOMPARE(error.line, qint64(lines.size() + 1));
    }

    // A line of 100 MB is refused without reading it all, and says how long a line may be.
    void enormousLineRefused()
    {
        QByteArray file = linesOf(m_saved).first() + '\n';
        file += "{\"kind\":\"step\",\"narration\":\"";
        file += QByteArray(100 << 20, 'a');
        file += "\"}\n";
        SessionFileError error;
        QVERIFY(!readBytes(file, &error));
        QCOMPARE(error.line, qint64(2));
        QVERIFY2(error.message.contains(QLatin1String("MiB")), qPrintable(error.text()));
    }

    // A million lines stop at the limit, quickly, with the limit in the message.
    void millionLinesRefused()
    {
        QByteArray file = linesOf(m_saved).first() + '\n';
        file += QByteArray(1'000'000, '\n');
        QElapsedTimer timer;
        timer.start();
        SessionFileError error;
        QVERIFY(!readBytes(file, &error));
        QVERIFY2(error.message.contains(QLatin1String("250000")), qPrintable(error.text()));
        // And a million real steps: the same limit.
        QByteArray steps = linesOf(m_saved).first() + '\n';
        for (int i = 0; i < 260'000; ++i)
            steps += "{\"kind\":\"step\",\"seq\":" + QByteArray::number(100 + i) +
                     ",\"t_ns\":1,\"step\":0,\"actor\":\"server\",\"narration\":\"x\"}\n";
        QVERIFY(!readBytes(steps, &error));
        QCOMPARE(error.line, qint64(250'001));
    }

    // Bytes flipped anywhere: read or refused, never a crash (the sanitizers watch).
    void flippedBytesNeverCrash()
    {
        QRandomGenerator random(12); // the same file every run
        for (int round = 0; round < 400; ++round) {
            QByteArray file = m_saved;
            for (int flips = 0; flips < 3; ++flips)
                file[random.bounded(file.size())] = char(random.bounded(256));
            SessionFileError error;
            if (auto saved = readBytes(file, &error)) {
                ReplaySource replay(*saved);
                while (replay.step()) {
                }
                QCOMPARE(replay.state(), EventSource::State::Finished);
            } else {
                QVERIFY(!error.message.isEmpty());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSessionFile)
#include "tst_sessionfile.moc"
