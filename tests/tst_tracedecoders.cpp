#include "trace/tracedcalls.h"
#include "trace/tracedecoders.h"

#include <QTest>

#include <arpa/inet.h>
#include <cstring>
#include <limits>
#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>

using namespace SocketScope;
using namespace SocketScope::Trace;

Q_DECLARE_METATYPE(SocketScope::Trace::AddressProblem)

namespace {

template <typename T> QByteArray bytesOf(const T& value)
{
    return QByteArray(reinterpret_cast<const char*>(&value), sizeof(value));
}

QByteArray inet4(const char* ip, quint16 port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    inet_pton(AF_INET, ip, &address.sin_addr);
    return bytesOf(address);
}

QByteArray inet6(const char* ip, quint16 port)
{
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    address.sin6_port = htons(port);
    inet_pton(AF_INET6, ip, &address.sin6_addr);
    return bytesOf(address);
}

QByteArray unixPath(const char* path)
{
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path, sizeof(address.sun_path) - 1);
    return bytesOf(address);
}

// A ptrace_syscall_info of `op` with `number` and args 1..6 (entry, seccomp) or `value`.
QByteArray syscallInfo(quint8 op, quint64 number, qint64 value = 0, bool isError = false)
{
    QByteArray bytes(96, '\0');
    bytes[0] = char(op);
    const quint32 arch = 0xc000003e;
    std::memcpy(bytes.data() + 4, &arch, 4);
    if (op == 2) {
        std::memcpy(bytes.data() + 24, &value, 8);
        bytes[32] = isError ? 1 : 0;
        return bytes;
    }
    std::memcpy(bytes.data() + 24, &number, 8);
    for (quint64 i = 0; i < 6; ++i) {
        const quint64 arg = i + 1;
        std::memcpy(bytes.data() + 32 + 8 * i, &arg, 8);
    }
    return bytes;
}

} // namespace

class TestTraceDecoders : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decodesAddresses_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<AddressProblem>("problem");
        QTest::addColumn<QString>("endpoint");
        const QByteArray v4 = inet4("127.0.0.1", 5000);
        const QByteArray v6 = inet6("::1", 80);
        const QByteArray path = unixPath("/tmp/s");
        QTest::newRow("ipv4") << v4 << qint64(v4.size()) << AddressProblem::None
                              << "127.0.0.1:5000";
        QTest::newRow("ipv6") << v6 << qint64(v6.size()) << AddressProblem::None << "[::1]:80";
        QTest::newRow("ipv6 without scope id (rfc 2133)")
            << v6.left(24) << qint64(24) << AddressProblem::None << "[::1]:80";
        QTest::newRow("unix path, length to the NUL")
            << path << qint64(offsetof(sockaddr_un, sun_path) + 7) << AddressProblem::None
            << "/tmp/s";
        QTest::newRow("unnamed unix, family alone")
            << path.left(2) << qint64(2) << AddressProblem::None << "";
        QTest::newRow("null or zero length")
            << QByteArray() << qint64(0) << AddressProblem::Missing << "";
        QTest::newRow("negative length") << v4 << qint64(-1) << AddressProblem::Missing << "";
        QTest::newRow("ipv4 cut to 8 bytes")
            << v4.left(8) << qint64(8) << AddressProblem::TooShort << "";
        QTest::newRow("ipv6 of 20 bytes")
            << v6.left(20) << qint64(20) << AddressProblem::TooShort << "";
        QTest::newRow("one byte") << v4.left(1) << qint64(1) << AddressProblem::TooShort << "";
        QTest::newRow("read cut short (EFAULT)")
            << v4.left(10) << qint64(16) << AddressProblem::Unreadable << "";
        QTest::newRow("nothing readable")
            << QByteArray() << qint64(16) << AddressProblem::Unreadable << "";
        QTest::newRow("longer than sockaddr_storage")
            << QByteArray(200, '\x02') << qint64(200) << AddressProblem::TooLong << "";
        QTest::newRow("unix longer than sockaddr_un")
            << (path + QByteArray(10, 'a')) << qint64(path.size() + 10) << AddressProblem::TooLong
            << "";
    }
    void decodesAddresses()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, length);
        QFETCH(AddressProblem, problem);
        QFETCH(QString, endpoint);
        const DecodedAddress decoded = decodeAddress(bytes, length);
        QCOMPARE(decoded.problem, problem);
        QCOMPARE(decoded.address.isValid(), problem == AddressProblem::None);
        if (problem == AddressProblem::None) {
            QCOMPARE(decoded.address.endpoint(), endpoint);
            QCOMPARE(qint64(decoded.address.length()), length);
        }
    }

    void decodesOptionValues_data()
    {
        QTest::addColumn<int>("level");
        QTest::addColumn<int>("option");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("text");
        const int one = 1;
        const linger lingering{1, 5};
        const timeval timeout{2, 500000};
        const timeval wrong{-1, 2'000'000};
        in_addr group{};
        inet_pton(AF_INET, "224.0.0.1", &group);
        const QByteArray request = bytesOf(group) + bytesOf(in_addr{htonl(INADDR_LOOPBACK)});
        QTest::newRow("SO_REUSEADDR int")
            << SOL_SOCKET << SO_REUSEADDR << bytesOf(one) << int(OptionValue::Kind::Integer) << "1";
        QTest::newRow("SO_REUSEADDR of 2 bytes")
            << SOL_SOCKET << SO_REUSEADDR << QByteArray("\x01\x00", 2)
            << int(OptionValue::Kind::Bytes) << "2";
        QTest::newRow("SO_LINGER") << SOL_SOCKET << SO_LINGER << bytesOf(lingering)
                                   << int(OptionValue::Kind::Linger) << "5";
        QTest::newRow("SO_LINGER cut") << SOL_SOCKET << SO_LINGER << bytesOf(lingering).left(6)
                                       << int(OptionValue::Kind::Bytes) << "6";
        QTest::newRow("SO_RCVTIMEO") << SOL_SOCKET << SO_RCVTIMEO << bytesOf(timeout)
                                     << int(OptionValue::Kind::Timeval) << "2500000";
        QTest::newRow("SO_RCVTIMEO out of range")
            << SOL_SOCKET << SO_RCVTIMEO << bytesOf(wrong) << int(OptionValue::Kind::Bytes) << "16";
        QTest::newRow("IP_ADD_MEMBERSHIP")
            << int(IPPROTO_IP) << IP_ADD_MEMBERSHIP << request
            << int(OptionValue::Kind::MulticastRequest) << "224.0.0.1";
        QTest::newRow("IP_ADD_MEMBERSHIP cut")
            << int(IPPROTO_IP) << IP_ADD_MEMBERSHIP << request.left(5)
            << int(OptionValue::Kind::Bytes) << "5";
        QTest::newRow("empty int")
            << SOL_SOCKET << SO_REUSEADDR << QByteArray() << int(OptionValue::Kind::Bytes) << "0";
    }
    void decodesOptionValues()
    {
        QFETCH(int, level);
        QFETCH(int, option);
        QFETCH(QByteArray, bytes);
        QFETCH(int, kind);
        QFETCH(QString, text);
        const OptionValue value = decodeOptionValue(level, option, bytes);
        QCOMPARE(int(value.kind), kind);
        switch (value.kind) {
        case OptionValue::Kind::Integer:
            QCOMPARE(QString::number(value.integer), text);
            break;
        case OptionValue::Kind::Linger:
            QCOMPARE(QString::number(value.lingerSeconds), text);
            break;
        case OptionValue::Kind::Timeval:
            QCOMPARE(QString::number(value.microseconds), text);
            break;
        case OptionValue::Kind::MulticastRequest:
            QCOMPARE(value.group, text);
            QCOMPARE(value.interface, QStringLiteral("127.0.0.1"));
            break;
        case OptionValue::Kind::Bytes:
            QCOMPARE(QString::number(value.bytes.size()), text);
            QCOMPARE(value.bytes, bytes);
            break;
        default:
            QFAIL("unexpected kind");
        }
    }

    void decodesSmallValues()
    {
        const quint32 length = 16;
        QCOMPARE(decodeU32(bytesOf(length)), std::optional<quint32>(16));
        QCOMPARE(decodeU32(bytesOf(length).left(3)), std::nullopt);
        const int pair[2] = {3, 4};
        const auto fds = decodeFdPair(QByteArray(reinterpret_cast<const char*>(pair), 8));
        QVERIFY(fds);
        QCOMPARE((*fds)[1], 4);
        QVERIFY(!decodeFdPair(QByteArray(7, '\0')));
    }

    void decodesIovecs_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<quint64>("count");
        QTest::addColumn<int>("decoded");
        const quint64 two[4] = {0x1000, 5, 0x2000, 7};
        const QByteArray whole(reinterpret_cast<const char*>(two), sizeof(two));
        QTest::newRow("two") << whole << quint64(2) << 2;
        QTest::newRow("none") << QByteArray() << quint64(0) << 0;
        QTest::newRow("one byte short") << whole.left(31) << quint64(2) << -1;
        QTest::newRow("count beyond the bytes") << whole << quint64(3) << -1;
        QTest::newRow("huge count") << whole << ~quint64(0) << -1;
    }
    void decodesIovecs()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(quint64, count);
        QFETCH(int, decoded);
        const auto spans = decodeIovecs(bytes, count);
        QCOMPARE(spans ? int(spans->size()) : -1, decoded);
        if (decoded == 2)
            QCOMPARE(spans->at(1), (IoSpan{0x2000, 7}));
    }

    void decodesMessageHeaders()
    {
        QByteArray bytes(messageHeaderSize, '\0');
        const quint64 name = 0x7000;
        const quint32 nameLength = 16;
        const quint64 iovCount = 3;
        std::memcpy(bytes.data(), &name, 8);
        std::memcpy(bytes.data() + 8, &nameLength, 4);
        std::memcpy(bytes.data() + 24, &iovCount, 8);
        const auto header = decodeMessageHeader(bytes);
        QVERIFY(header);
        QCOMPARE(header->name, name);
        QCOMPARE(header->nameLength, nameLength);
        QCOMPARE(header->iovCount, iovCount);
        QVERIFY(!decodeMessageHeader(bytes.left(messageHeaderSize - 1)));
    }

    // struct mmsghdr[2], as the C library lays it out: each header and its msg_len.
    void decodesMultiMessageHeaders()
    {
        static_assert(sizeof(mmsghdr) == multiMessageHeaderSize);
        sockaddr_in name{};
        iovec parts[2] = {};
        mmsghdr messages[2] = {};
        messages[0].msg_hdr.msg_name = &name;
        messages[0].msg_hdr.msg_namelen = sizeof(name);
        messages[0].msg_hdr.msg_iov = parts;
        messages[0].msg_hdr.msg_iovlen = 2;
        messages[0].msg_len = 7;
        messages[1].msg_len = 1;
        const QByteArray bytes = bytesOf(messages);
        const auto headers = decodeMultiMessageHeaders(bytes, 2);
        QVERIFY(headers);
        QCOMPARE(headers->size(), 2);
        QCOMPARE(headers->at(0).header.name, quint64(quintptr(&name)));
        QCOMPARE(headers->at(0).header.nameLength, quint32(sizeof(name)));
        QCOMPARE(headers->at(0).header.iov, quint64(quintptr(parts)));
        QCOMPARE(headers->at(0).header.iovCount, quint64(2));
        QCOMPARE(headers->at(0).length, quint32(7));
        QCOMPARE(headers->at(1).header.name, quint64(0));
        QCOMPARE(headers->at(1).length, quint32(1));
        QVERIFY(!decodeMultiMessageHeaders(bytes.first(bytes.size() - 1), 2));
        QVERIFY(!decodeMultiMessageHeaders(bytes, ~quint64(0)));
        QCOMPARE(decodeMultiMessageHeaders({}, 0), QList<MultiMessageHeader>());
    }

    void decodesPollEntries()
    {
        const pollfd set[2] = {{3, POLLIN, 0}, {-1, POLLOUT, POLLERR}};
        const QByteArray bytes = bytesOf(set);
        const auto entries = decodePollEntries(bytes, 2);
        QVERIFY(entries);
        QCOMPARE(*entries, (QList<PollEntry>{{3, POLLIN, 0}, {-1, POLLOUT, POLLERR}}));
        QVERIFY(!decodePollEntries(bytes.first(15), 2));
        QVERIFY(!decodePollEntries(bytes, ~quint64(0)));
        QCOMPARE(decodePollEntries({}, 0), QList<PollEntry>());
    }

    void decodesFdSets()
    {
        fd_set set;
        FD_ZERO(&set);
        FD_SET(0, &set);
        FD_SET(9, &set);
        FD_SET(63, &set);
        FD_SET(64, &set);
        const QByteArray bytes = bytesOf(set);
        QCOMPARE(decodeFdSet(bytes, 65), (QList<int>{0, 9, 63, 64}));
        // Only the descriptors below the width count, as for the kernel.
        QCOMPARE(decodeFdSet(bytes, 10), (QList<int>{0, 9}));
        QCOMPARE(decodeFdSet(bytes.first(2), 10), (QList<int>{0, 9}));
        QVERIFY(!decodeFdSet(bytes.first(1), 10));
        QVERIFY(!decodeFdSet(bytes, -1));
        QCOMPARE(selectEntries({4, 3}, {4}, {5}),
                 (QList<PollEntry>{{3, POLLIN, 0}, {4, POLLIN | POLLOUT, 0}, {5, POLLPRI, 0}}));
    }

    void decodesTimeouts()
    {
        QCOMPARE(decodeTimevalMs(bytesOf(timeval{5, 0})), 5000);
        QCOMPARE(decodeTimevalMs(bytesOf(timeval{0, 1})), 1); // a wait, however short
        QCOMPARE(decodeTimespecMs(bytesOf(timespec{1, 500'000'000})), 1500);
        QCOMPARE(decodeTimespecMs(bytesOf(timespec{0, 0})), 0);
        QVERIFY(!decodeTimevalMs(bytesOf(timeval{-1, 0})));
        QCOMPARE(decodeTimevalMs(bytesOf(timeval{0, 2'500'000})), 2500); // select carries it
        QVERIFY(!decodeTimespecMs(bytesOf(timespec{0, 1'000'000'000})));
        QVERIFY(!decodeTimespecMs(bytesOf(timespec{0, -1})));
        QVERIFY(!decodeTimespecMs(bytesOf(timespec{1, 0}).first(15)));
        QCOMPARE(decodeTimespecMs(bytesOf(timespec{std::numeric_limits<time_t>::max(), 0})),
                 std::numeric_limits<int>::max());
    }

    void decodesEpollEvents()
    {
        const epoll_event events[2] = {{EPOLLIN, {.u64 = 7}}, {EPOLLOUT | EPOLLET, {.u64 = ~0ULL}}};
        static_assert(sizeof(epoll_event) == epollEventSize);
        const QByteArray bytes = bytesOf(events);
        QCOMPARE(decodeEpollEvent(bytes), (EpollEvent{EPOLLIN, 7}));
        QCOMPARE(decodeEpollEvents(bytes, 2),
                 (QList<EpollEvent>{{EPOLLIN, 7}, {EPOLLOUT | EPOLLET, ~0ULL}}));
        QVERIFY(!decodeEpollEvents(bytes.first(23), 2));
        QVERIFY(!decodeEpollEvent(bytes.first(11)));
    }

    void decodesSyscallInfo_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("reported");
        QTest::addColumn<bool>("decoded");
        const QByteArray seccomp = syscallInfo(3, SYS_connect);
        QTest::newRow("seccomp stop") << seccomp << qint64(84) << true;
        QTest::newRow("entry stop") << syscallInfo(1, SYS_bind) << qint64(80) << true;
        QTest::newRow("exit stop") << syscallInfo(2, 0, -111, true) << qint64(33) << true;
        QTest::newRow("exit reported short") << syscallInfo(2, 0, 3) << qint64(32) << false;
        QTest::newRow("seccomp reported short") << seccomp << qint64(60) << false;
        QTest::newRow("buffer shorter than reported") << seccomp.left(40) << qint64(84) << false;
        QTest::newRow("op none") << syscallInfo(0, 0) << qint64(24) << false;
        QTest::newRow("unknown op") << syscallInfo(9, 0) << qint64(96) << false;
        QTest::newRow("negative size") << seccomp << qint64(-1) << false;
        QTest::newRow("empty") << QByteArray() << qint64(84) << false;
    }
    void decodesSyscallInfo()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, reported);
        QFETCH(bool, decoded);
        const auto stop = decodeSyscallInfo(bytes, reported);
        QCOMPARE(stop.has_value(), decoded);
        if (!stop)
            return;
        QCOMPARE(stop->arch, quint32(0xc000003e));
        if (stop->kind == SyscallStop::Kind::Exit) {
            QCOMPARE(stop->value, qint64(-111));
            QVERIFY(stop->isError);
        } else {
            QCOMPARE(stop->args[5], quint64(6));
            QVERIFY(trappedSyscall(stop->number).has_value());
        }
    }

    void readsProcStat_data()
    {
        QTest::addColumn<QByteArray>("stat");
        QTest::addColumn<QString>("state");
        QTest::newRow("plain") << QByteArray("42 (server) S 1 42 42 0") << "S";
        QTest::newRow("name with ') R'") << QByteArray("42 (a) R (b) D 1 2") << "D";
        QTest::newRow("traced stop") << QByteArray("7 (x) t 1") << "t";
        QTest::newRow("no parenthesis") << QByteArray("42 server S") << "";
        QTest::newRow("cut after the name") << QByteArray("42 (server)") << "";
        QTest::newRow("cut after the space") << QByteArray("42 (server) ") << "";
        QTest::newRow("no space") << QByteArray("42 (server)S") << "";
        QTest::newRow("binary state") << QByteArray("42 (x) \x01 1", 10) << "";
        QTest::newRow("empty") << QByteArray() << "";
    }
    void readsProcStat()
    {
        QFETCH(QByteArray, stat);
        QFETCH(QString, state);
        const auto letter = procStatState(stat);
        QCOMPARE(letter ? QString(QLatin1Char(*letter)) : QString(), state);
    }

    void readsProcStatStartTime_data()
    {
        QTest::addColumn<QByteArray>("stat");
        QTest::addColumn<qint64>("ticks");
        // Fields 3 to 21, then the start time (22), then more.
        const QByteArray middle("S 1 42 42 0 -1 4194560 120 0 0 0 3 1 0 0 20 0 1 0 ");
        QTest::newRow("as the kernel writes it")
            << QByteArray("42 (server) " + middle + "98765 1000 10") << qint64(98765);
        QTest::newRow("the last field")
            << QByteArray("42 (server) " + middle + "98765\n") << qint64(98765);
        QTest::newRow("a name holding ') S 1 2'")
            << QByteArray("42 (a) S 1 2) " + middle + "555 1") << qint64(555);
        QTest::newRow("cut before it") << QByteArray("42 (server) S 1 42") << qint64(-1);
        QTest::newRow("not a number")
            << QByteArray("42 (server) " + middle + "12x 1") << qint64(-1);
        QTest::newRow("negative") << QByteArray("42 (server) " + middle + "-5 1") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
    }
    void readsProcStatStartTime()
    {
        QFETCH(QByteArray, stat);
        QFETCH(qint64, ticks);
        const auto started = procStatStartTicks(stat);
        QCOMPARE(started ? qint64(*started) : qint64(-1), ticks);
    }

    void readsSocketLinks_data()
    {
        QTest::addColumn<QByteArray>("link");
        QTest::addColumn<qint64>("inode");
        QTest::newRow("socket") << QByteArray("socket:[12345]") << qint64(12345);
        QTest::newRow("pipe") << QByteArray("pipe:[12345]") << qint64(-1);
        QTest::newRow("file") << QByteArray("/dev/pts/0") << qint64(-1);
        QTest::newRow("no digits") << QByteArray("socket:[]") << qint64(-1);
        QTest::newRow("not a number") << QByteArray("socket:[12a]") << qint64(-1);
        QTest::newRow("no bracket") << QByteArray("socket:[12") << qint64(-1);
        QTest::newRow("overflow") << QByteArray("socket:[99999999999999999999]") << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1);
    }
    void readsSocketLinks()
    {
        QFETCH(QByteArray, link);
        QFETCH(qint64, inode);
        const auto found = socketInode(link);
        QCOMPARE(found ? qint64(*found) : qint64(-1), inode);
    }

    void readsCommandLines_data()
    {
        QTest::addColumn<QByteArray>("cmdline");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("two words")
            << QByteArray("./client\0"
                          "127.0.0.1\0",
                          19)
            << QStringList{QStringLiteral("./client"), QStringLiteral("127.0.0.1")};
        QTest::newRow("no final NUL")
            << QByteArray("a\0b", 3) << QStringList{QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("empty word")
            << QByteArray("a\0\0", 3) << QStringList{QStringLiteral("a"), QString()};
        QTest::newRow("empty") << QByteArray() << QStringList{};
    }
    void readsCommandLines()
    {
        QFETCH(QByteArray, cmdline);
        QFETCH(QStringList, words);
        QCOMPARE(commandLineWords(cmdline), words);
    }

    void readsTaskIds_data()
    {
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<qint64>("tgid");
        QTest::addColumn<qint64>("ppid");
        QTest::newRow("thread") << QByteArray("Name:\tx\nTgid:\t10\nPid:\t11\nPPid:\t1\n")
                                << qint64(10) << qint64(1);
        QTest::newRow("no PPid") << QByteArray("Tgid:\t10\n") << qint64(-1) << qint64(-1);
        QTest::newRow("not a number")
            << QByteArray("Tgid:\tx\nPPid:\t1\n") << qint64(-1) << qint64(-1);
        QTest::newRow("negative") << QByteArray("Tgid:\t-3\nPPid:\t1\n") << qint64(-1)
                                  << qint64(-1);
        QTest::newRow("empty") << QByteArray() << qint64(-1) << qint64(-1);
    }
    void readsTaskIds()
    {
        QFETCH(QByteArray, status);
        QFETCH(qint64, tgid);
        QFETCH(qint64, ppid);
        const auto ids = taskIds(status);
        QCOMPARE(ids ? ids->tgid : qint64(-1), tgid);
        QCOMPARE(ids ? ids->ppid : qint64(-1), ppid);
    }

    void trapsTheSocketCallsOnly()
    {
        QCOMPARE(trappedSyscall(SYS_accept4)->call, Call::Accept4);
        QCOMPARE(trappedSyscall(SYS_read)->role, TrapRole::ReportOnSocket);
        QCOMPARE(trappedSyscall(SYS_dup2)->role, TrapRole::ReportOnSocket);
        QCOMPARE(trappedSyscall(SYS_close_range)->role, TrapRole::ForgetDescriptor);
        QCOMPARE(trappedSyscall(SYS_epoll_ctl)->role, TrapRole::ReportOnWatchedSocket);
        QCOMPARE(trappedSyscall(SYS_epoll_wait)->role, TrapRole::ReportOnSocketWatcher);
        QCOMPARE(trappedSyscall(SYS_pselect6)->call, Call::PSelect6);
        QCOMPARE(trappedSyscall(SYS_poll)->role, TrapRole::ReportOnAnySocket);
        QVERIFY(reportedIoctl(FIONREAD));
        QVERIFY(!reportedIoctl(TCGETS));
        QVERIFY(!trappedSyscall(SYS_openat));
        QVERIFY(!trappedSyscall(~quint64(0)));
    }
};

QTEST_GUILESS_MAIN(TestTraceDecoders)
#include "tst_tracedecoders.moc"
