// The getsockopt/setsockopt and fcntl forms: an option chosen, set and read back by real
// calls on a real socket, a bad value refused before any call.
#include "lab/laboptions.h"
#include "lab/labsession.h"
#include "labcallform.h"
#include "laboptionform.h"
#include "testlabconsole.h"
#include "testsockets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace SocketScope;
using SocketScope::TestLabConsole::Console;
using SocketScope::TestLabConsole::labOptions;

namespace {

// What the kernel says of the option now, as the form's editor writes it.
QString kernelValue(int fd, int level, int option)
{
    if (level == SOL_SOCKET && (option == SO_RCVTIMEO || option == SO_SNDTIMEO)) {
        timeval value{};
        socklen_t length = sizeof(value);
        ::getsockopt(fd, level, option, &value, &length);
        return QStringLiteral("%1 ms").arg(qint64(value.tv_sec) * 1000 + value.tv_usec / 1000);
    }
    if (level == SOL_SOCKET && option == SO_LINGER) {
        linger value{};
        socklen_t length = sizeof(value);
        ::getsockopt(fd, level, option, &value, &length);
        return QStringLiteral("%1,%2").arg(value.l_onoff).arg(value.l_linger);
    }
    if (level < 0)
        return (::fcntl(fd, F_GETFL) & O_NONBLOCK) ? QStringLiteral("1") : QStringLiteral("0");
    int value = 0;
    socklen_t length = sizeof(value);
    ::getsockopt(fd, level, option, &value, &length);
    return QString::number(value);
}

// A lab with a socket, and its forms making their lines in it.
struct FormLab {
    explicit FormLab(const QString& socketLine)
        : lab(LabMode::Standard, labOptions())
        , console(lab)
    {
        QObject::connect(&form, &LabCallForm::lineMade, &lab,
                         [this](const LabLine& line) { lab.runLine(line); });
        QObject::connect(&lab, &LabSession::echoed,
                         [this](const QString& line) { echoed << line; });
        form.setLab(&lab);
        ok = console.type(socketLine);
        form.refresh();
        form.show();
    }
    // Clicks the button and waits for the command it made to end.
    bool click(const char* name)
    {
        QSignalSpy ready(&lab, &LabSession::readyForInput);
        QTest::mouseClick(form.findChild<QPushButton*>(QLatin1String(name)), Qt::LeftButton);
        const bool done = ready.wait(10'000) || !ready.isEmpty();
        form.refresh();
        return done;
    }
    template <typename T> T* field(const char* name)
    {
        return form.findChild<T*>(QLatin1String(name));
    }

    LabSession lab;
    Console console;
    LabCallForm form;
    QStringList echoed;
    bool ok = false;
};

} // namespace

class TestLabOptionForm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Set makes setsockopt with the editor's value; Get reads the kernel's back into it.
    void setThenGet_data()
    {
        QTest::addColumn<QString>("socketLine");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("on");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("level");
        QTest::addColumn<int>("option");
        QTest::addColumn<QString>("kernel");
        QTest::newRow("flag: SO_REUSEADDR")
            << "socket tcp"
            << "reuseaddr" << true << "" << SOL_SOCKET << SO_REUSEADDR << "1";
        QTest::newRow("flag: TCP_NODELAY")
            << "socket tcp"
            << "tcpnodelay" << true << "" << int(IPPROTO_TCP) << TCP_NODELAY << "1";
        QTest::newRow("int: IP_TTL") << "socket udp"
                                     << "ttl" << false << "33" << int(IPPROTO_IP) << IP_TTL << "33";
        QTest::newRow("int: TCP_KEEPIDLE")
            << "socket tcp"
            << "tcpkeepidle" << false << "120" << int(IPPROTO_TCP) << TCP_KEEPIDLE << "120";
        QTest::newRow("int: IPV6_UNICAST_HOPS")
            << "socket6 udp"
            << "ttl" << false << "9" << int(IPPROTO_IPV6) << IPV6_UNICAST_HOPS << "9";
        QTest::newRow("flag: IPV6_V6ONLY off")
            << "socket6 udp"
            << "v6only" << false << "" << int(IPPROTO_IPV6) << IPV6_V6ONLY << "0";
        QTest::newRow("seconds: SO_RCVTIMEO")
            << "socket tcp"
            << "rcvtimeo" << false << "1.5" << SOL_SOCKET << SO_RCVTIMEO << "1500 ms";
        QTest::newRow("linger: on, 7 s")
            << "socket tcp"
            << "linger" << true << "7" << SOL_SOCKET << SO_LINGER << "1,7";
        QTest::newRow("flag: IP_MULTICAST_LOOP off")
            << "socket udp"
            << "multicastloop" << false << "" << int(IPPROTO_IP) << IP_MULTICAST_LOOP << "0";
        // IPv6 names them anew at its own level.
        QTest::newRow("int: IPV6_TCLASS")
            << "socket6 udp"
            << "tos" << false << "32" << int(IPPROTO_IPV6) << IPV6_TCLASS << "32";
        QTest::newRow("int: IPV6_MULTICAST_HOPS")
            << "socket6 udp"
            << "multicastttl" << false << "4" << int(IPPROTO_IPV6) << IPV6_MULTICAST_HOPS << "4";
        QTest::newRow("flag: IPV6_MULTICAST_LOOP off")
            << "socket6 udp"
            << "multicastloop" << false << "" << int(IPPROTO_IPV6) << IPV6_MULTICAST_LOOP << "0";
    }
    void setThenGet()
    {
        QFETCH(QString, socketLine);
        QFETCH(QString, name);
        QFETCH(bool, on);
        QFETCH(QString, text);
        QFETCH(int, level);
        QFETCH(int, option);
        QFETCH(QString, kernel);
        FormLab lab(socketLine);
        QVERIFY(lab.ok);
        const int fd = lab.lab.currentId();
        lab.form.setForm(LabCallForm::Form::Options);
        LabOptionForm* options = lab.form.optionForm();
        QVERIFY(options->chooseOption(name.toLatin1().constData()));
        lab.field<QCheckBox>("optionOn")->setChecked(on);
        lab.field<QLineEdit>("optionValue")->setText(text);

        QVERIFY(lab.click("optionSet"));
        QVERIFY2(lab.console.errors.isEmpty(), qPrintable(lab.console.errors.join(u'\n')));
        QCOMPARE(kernelValue(fd, level, option), kernel);
        QVERIFY2(lab.echoed.last().contains(QStringLiteral("> options %1 %2=").arg(fd).arg(name)),
                 qPrintable(lab.echoed.last()));
        const CallEvent& set = lab.lab.session().log().calls().last();
        QCOMPARE(set.call, Call::SetSockOpt);
        QCOMPARE(set.arguments.level, level);
        QCOMPARE(set.arguments.option, option);

        // The editors changed, then Get: the kernel's value comes back into them.
        lab.field<QCheckBox>("optionOn")->setChecked(!on);
        lab.field<QLineEdit>("optionValue")->setText(QStringLiteral("999"));
        QVERIFY(lab.click("optionGet"));
        QVERIFY2(
            lab.echoed.last().endsWith(QStringLiteral("> options %1 %2 -get").arg(fd).arg(name)),
            qPrintable(lab.echoed.last()));
        QCOMPARE(lab.lab.session().log().calls().last().call, Call::GetSockOpt);
        QVERIFY(!lab.lab.isAsking());
        if (lab.field<QCheckBox>("optionOn")->isVisible())
            QCOMPARE(lab.field<QCheckBox>("optionOn")->isChecked(), on);
        if (!text.isEmpty())
            QCOMPARE(lab.field<QLineEdit>("optionValue")->text(), text);
        QVERIFY2(options->readValue().contains(name + QStringLiteral(" = ")),
                 qPrintable(options->readValue()));
        QVERIFY(lab.console.results.join(u'\n').contains(name + QStringLiteral(" = ")));
    }

    // A value that does not read is said in the form; no call is made, nothing echoed.
    void badValueRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("on");
        QTest::addColumn<QString>("text");
        QTest::newRow("not a number") << "rcvbuf" << false << "abc";
        QTest::newRow("negative") << "sndbuf" << false << "-5";
        QTest::newRow("empty") << "ttl" << false << "";
        QTest::newRow("beyond an hour") << "rcvtimeo" << false << "4000";
        QTest::newRow("comma for a point") << "sndtimeo" << false << "1,5";
        QTest::newRow("linger seconds") << "linger" << true << "x";
    }
    void badValueRefused()
    {
        QFETCH(QString, name);
        QFETCH(bool, on);
        QFETCH(QString, text);
        FormLab lab(QStringLiteral("socket tcp"));
        QVERIFY(lab.ok);
        lab.form.setForm(LabCallForm::Form::Options);
        LabOptionForm* options = lab.form.optionForm();
        QVERIFY(options->chooseOption(name.toLatin1().constData()));
        lab.field<QCheckBox>("optionOn")->setChecked(on);
        lab.field<QLineEdit>("optionValue")->setText(text);
        const qsizetype calls = lab.lab.session().log().calls().size();
        QSignalSpy made(&lab.form, &LabCallForm::lineMade);
        QTest::mouseClick(lab.field<QPushButton>("optionSet"), Qt::LeftButton);
        QVERIFY(made.isEmpty());
        QVERIFY2(options->error().contains(name), qPrintable(options->error()));
        QVERIFY(lab.field<QWidget>("optionError")->isVisible());
        QCOMPARE(lab.lab.session().log().calls().size(), calls);
        QVERIFY(lab.echoed.isEmpty());
    }

    // SO_TYPE and SO_ERROR are read only: Set is off, Get says what they read.
    void readOnlyOptions_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("shown");
        QTest::newRow("SO_TYPE") << "type"
                                 << "SOCK_STREAM";
        QTest::newRow("SO_ERROR") << "error"
                                  << "SO_ERROR";
    }
    void readOnlyOptions()
    {
        QFETCH(QString, name);
        QFETCH(QString, shown);
        FormLab lab(QStringLiteral("socket tcp"));
        QVERIFY(lab.ok);
        lab.form.setForm(LabCallForm::Form::Options);
        QVERIFY(lab.form.optionForm()->chooseOption(name.toLatin1().constData()));
        QVERIFY(!lab.field<QPushButton>("optionSet")->isEnabled());
        QVERIFY(!lab.field<QLineEdit>("optionValue")->isVisible());
        QVERIFY(lab.click("optionGet"));
        QVERIFY2(lab.form.optionForm()->readValue().contains(shown),
                 qPrintable(lab.form.optionForm()->readValue()));
        // The console refuses to set it, as the form does.
        QVERIFY(lab.console.type(QStringLiteral("options . %1=1").arg(name)));
        QVERIFY(lab.console.errors.join(u'\n').contains(QLatin1String("getsockopt")));
    }

    // fcntl's form: O_NONBLOCK set and cleared by F_SETFL, read by F_GETFL.
    void fcntlNonBlock()
    {
        FormLab lab(QStringLiteral("socket tcp"));
        QVERIFY(lab.ok);
        const int fd = lab.lab.currentId();
        lab.form.setForm(LabCallForm::Form::Fcntl);
        auto* on = lab.field<QCheckBox>("optionOn");
        QVERIFY(on->isVisible());
        for (const bool nonBlocking : {true, false}) {
            on->setChecked(nonBlocking);
            QVERIFY(lab.click("optionSet"));
            QCOMPARE(kernelValue(fd, -1, 0),
                     nonBlocking ? QStringLiteral("1") : QStringLiteral("0"));
            QCOMPARE(lab.lab.session().log().calls().last().call, Call::Fcntl);
            QCOMPARE(lab.lab.session().log().calls().last().arguments.command, F_SETFL);
            on->setChecked(!nonBlocking);
            QVERIFY(lab.click("optionGet"));
            QCOMPARE(lab.lab.session().log().calls().last().arguments.command, F_GETFL);
            QCOMPARE(on->isChecked(), nonBlocking);
        }
        const QImage shot = lab.form.grab().toImage();
        QVERIFY(!shot.isNull());
        if (const QString dir = qEnvironmentVariable("SOCKETSCOPE_SHOTS"); !dir.isEmpty())
            QVERIFY(shot.save(dir + QStringLiteral("/laboptionform-fcntl.png")));
    }

    // The send form's "text with escapes": the bytes the escapes stand for, by a real
    // sendto(); a bad escape said beside the message, no call made.
    void sendFormEscapes_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QByteArray>("bytes"); // empty: refused
        QTest::newRow("CR LF, NUL, hex") << "a\\r\\n\\0\\x7f" << QByteArray("a\r\n\0\x7f", 5);
        QTest::newRow("quote and blanks") << "say \\\"hi\\\"  " << QByteArray("say \"hi\"  ");
        QTest::newRow("unknown escape") << "a\\q" << QByteArray();
        QTest::newRow("short hex") << "a\\x4" << QByteArray();
    }
    void sendFormEscapes()
    {
        QFETCH(QString, message);
        QFETCH(QByteArray, bytes);
        quint16 port = 0;
        const int receiver = TestSockets::boundSocket(AF_INET, SOCK_DGRAM, &port);
        FormLab lab(QStringLiteral("socket udp"));
        QVERIFY(lab.ok);
        lab.form.setForm(LabCallForm::Form::Send);
        auto* variant = lab.field<QComboBox>("variant");
        variant->setCurrentIndex(variant->findText(QStringLiteral("sendto")));
        lab.field<QLineEdit>("host")->setText(QStringLiteral("127.0.0.1"));
        lab.field<QLineEdit>("port")->setText(QString::number(port));
        lab.field<QLineEdit>("message")->setText(message);
        auto* payload = lab.field<QComboBox>("payload");
        payload->setCurrentIndex(payload->findData(int(LabPayload::Escapes)));
        const qsizetype calls = lab.lab.session().log().calls().size();
        if (bytes.isEmpty()) {
            QSignalSpy made(&lab.form, &LabCallForm::lineMade);
            QTest::mouseClick(lab.field<QPushButton>("make"), Qt::LeftButton);
            QVERIFY(made.isEmpty());
            QCOMPARE(lab.form.errors().size(), 1);
            QVERIFY2(lab.form.errors().first().contains(message.mid(1)),
                     qPrintable(lab.form.errors().first()));
            QCOMPARE(lab.lab.session().log().calls().size(), calls);
            const QImage shot = lab.form.grab().toImage();
            QVERIFY(!shot.isNull());
            if (const QString dir = qEnvironmentVariable("SOCKETSCOPE_SHOTS"); !dir.isEmpty())
                QVERIFY(shot.save(
                    dir +
                    QStringLiteral("/labsendform-%1.png")
                        .arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'))));
        } else {
            QVERIFY(lab.click("make"));
            QVERIFY(lab.echoed.last().endsWith(QLatin1String(" -esc")));
            QCOMPARE(lab.lab.session().log().calls().last().call, Call::SendTo);
            pollfd wanted{receiver, POLLIN, 0};
            QCOMPARE(::poll(&wanted, 1, 5000), 1);
            char buffer[64];
            const ssize_t count = ::recv(receiver, buffer, sizeof(buffer), 0);
            QCOMPARE(QByteArray(buffer, int(count)), bytes);
        }
        ::close(receiver);
    }

    // The levels a socket has: an IPv4 UDP socket has no IPPROTO_TCP, an IPv6 one IPPROTO_IPV6.
    void levelsFollowTheSocket_data()
    {
        QTest::addColumn<QString>("socketLine");
        QTest::addColumn<QStringList>("levels");
        QTest::newRow("TCP IPv4") << "socket tcp"
                                  << QStringList{QStringLiteral("SOL_SOCKET"),
                                                 QStringLiteral("IPPROTO_TCP"),
                                                 QStringLiteral("IPPROTO_IP")};
        QTest::newRow("UDP IPv4") << "socket udp"
                                  << QStringList{QStringLiteral("SOL_SOCKET"),
                                                 QStringLiteral("IPPROTO_IP")};
        QTest::newRow("TCP IPv6") << "socket6 tcp"
                                  << QStringList{QStringLiteral("SOL_SOCKET"),
                                                 QStringLiteral("IPPROTO_TCP"),
                                                 QStringLiteral("IPPROTO_IPV6")};
    }
    void levelsFollowTheSocket()
    {
        QFETCH(QString, socketLine);
        QFETCH(QStringList, levels);
        FormLab lab(socketLine);
        QVERIFY(lab.ok);
        lab.form.setForm(LabCallForm::Form::Options);
        auto* level = lab.field<QComboBox>("optionLevel");
        QStringList shown;
        for (int i = 0; i < level->count(); ++i)
            shown << level->itemText(i);
        QCOMPARE(shown, levels);
        QVERIFY(lab.form.optionForm()->chooseOption("reuseaddr"));
        QVERIFY(lab.field<QCheckBox>("optionOn")->isVisible());
        QVERIFY(!lab.field<QLineEdit>("optionValue")->isVisible());
        QVERIFY(lab.form.optionForm()->chooseOption("rcvbuf"));
        QVERIFY(!lab.field<QCheckBox>("optionOn")->isVisible());
        QVERIFY(lab.field<QLineEdit>("optionValue")->isVisible());
        QVERIFY(!lab.field<QPushButton>("make")->isVisible());
        const QImage shot = lab.form.grab().toImage();
        QVERIFY(!shot.isNull());
        if (const QString dir = qEnvironmentVariable("SOCKETSCOPE_SHOTS"); !dir.isEmpty())
            QVERIFY(shot.save(
                dir + QStringLiteral("/laboptionform-%1.png")
                          .arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'))));
    }
};

QTEST_MAIN(TestLabOptionForm)
#include "tst_laboptionform.moc"
