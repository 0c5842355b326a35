#include "socketlisting.h"

#include "kernel/socketdiag.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <charconv>
#include <cstdio>
#include <string>

namespace SocketScope {

namespace {

// Ten thousand rows must print faster than ss prints them: each column is written straight
// into one buffer, without a temporary string per field.
class TableText {
public:
    explicit TableText(qsizetype rows) { m_text.reserve(size_t(rows + 1) * 160); }

    TableText& column(QStringView text, int width, bool alignRight = false)
    {
        const size_t padding = size_t(qMax<qsizetype>(0, width - text.size()));
        if (alignRight)
            m_text.append(padding, ' ');
        appendUtf8(text);
        if (!alignRight)
            m_text.append(padding, ' ');
        m_text.push_back(' ');
        return *this;
    }
    TableText& column(quint64 number, int width, bool alignRight = false)
    {
        char digits[24];
        const char* end = std::to_chars(digits, digits + sizeof(digits), number).ptr;
        return column(QLatin1String(digits, end), width, alignRight);
    }
    TableText& column(QLatin1String text, int width, bool alignRight = false)
    {
        const size_t padding = size_t(qMax<qsizetype>(0, width - text.size()));
        if (alignRight)
            m_text.append(padding, ' ');
        m_text.append(text.data(), size_t(text.size()));
        if (!alignRight)
            m_text.append(padding, ' ');
        m_text.push_back(' ');
        return *this;
    }
    void endLine(QStringView last)
    {
        appendUtf8(last);
        m_text.push_back('\n');
    }
    // "command (pid) fd N, ..." as SocketRow::ownersText() says it.
    void endLine(const QList<SocketOwner>& owners)
    {
        for (qsizetype i = 0; i < owners.size(); ++i) {
            if (i)
                m_text.append(", ");
            appendUtf8(owners[i].command);
            m_text.append(" (");
            appendNumber(quint64(owners[i].pid));
            m_text.append(") fd ");
            appendNumber(quint64(owners[i].fd));
        }
        m_text.push_back('\n');
    }
    const std::string& bytes() const { return m_text; }

private:
    void appendNumber(quint64 number)
    {
        char digits[24];
        m_text.append(digits, std::to_chars(digits, digits + sizeof(digits), number).ptr);
    }
    void appendUtf8(QStringView text)
    {
        for (const QChar c : text) {
            if (c.unicode() >= 0x80) {
                m_text.append(text.toUtf8().toStdString());
                return;
            }
        }
        for (const QChar c : text)
            m_text.push_back(char(c.unicode()));
    }

    std::string m_text;
};

} // namespace

int listSockets(bool json, bool processes, QTextStream& out, QTextStream& err)
{
    SnapshotOptions options;
    options.owners = processes;
    const SocketSnapshot snapshot = takeSocketSnapshot(options);
    for (const QString& problem : snapshot.problems)
        err << QStringLiteral("socketscope: ") << problem << Qt::endl;
    if (snapshot.failed())
        return 1;
    if (snapshot.unreadableProcesses > 0)
        err << QCoreApplication::translate("CommandLine",
                                           "socketscope: %n process(es) of other users not "
                                           "readable: their sockets show no process (run as "
                                           "root to see them).",
                                           nullptr, snapshot.unreadableProcesses)
            << Qt::endl;
    if (snapshot.interrupted)
        err << QCoreApplication::translate("CommandLine",
                                           "socketscope: sockets came and went during the "
                                           "read; one may be missing or listed twice.")
            << Qt::endl;
    out.flush();
    if (json) {
        QJsonArray array;
        for (const SocketRow& row : snapshot.rows)
            array.append(row.toJson());
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return 0;
    }
    TableText table(snapshot.rows.size());
    table.column(u"Proto", 6)
        .column(u"State", 12)
        .column(u"Recv-Q", 7, true)
        .column(u"Send-Q", 7, true)
        .column(u"Local", 40)
        .column(u"Peer", 40)
        .column(u"UID", 6, true)
        .column(u"Inode", 9)
        .endLine(u"Process");
    for (const SocketRow& row : snapshot.rows) {
        table.column(row.protocol, 6)
            .column(row.state, 12)
            .column(row.recvQ, 7, true)
            .column(row.sendQ, 7, true)
            .column(row.local, 40)
            .column(row.peer, 40)
            .column(row.uid, 6, true)
            .column(row.inode, 9)
            .endLine(row.owners);
    }
    const std::string& text = table.bytes();
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return 0;
}

} // namespace SocketScope
