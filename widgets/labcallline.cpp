// The command a form's fields make: each word read as the console reads it, before anything
// is made, each wrong one said beside its field; and the fields an AF_UNIX socket takes.
#include "calls/socketaddress.h"
#include "lab/labmessage.h"
#include "lab/labsession.h"
#include "labcallform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>

#include <sys/socket.h>

namespace SocketScope {

std::optional<LabLine> LabCallForm::line()
{
    clearErrors();
    const LabVerb chosen = verb();
    const LabCommandSpec* command = spec(chosen);
    if (!m_lab || !command)
        return std::nullopt;
    LabLine made;
    made.command = command;
    for (auto it = m_flags.cbegin(); it != m_flags.cend(); ++it) {
        if (command->flags.testFlag(it.key()) && it.value()->isChecked())
            made.flags |= it.key();
    }
    if (command->flags.testFlag(LabFlag::Hex)) {
        switch (LabPayload(m_payload->currentData().toInt())) {
        case LabPayload::Hex:
            made.flags |= LabFlag::Hex;
            break;
        case LabPayload::Escapes:
            made.flags |= LabFlag::Escapes;
            break;
        case LabPayload::Text:
            break;
        }
    }
    bool valid = true;
    if (Form(m_form->currentData().toInt()) == Form::Socket && family() == Family::IPv6Dual) {
        if (command->flags.testFlag(LabFlag::Dual))
            made.flags |= LabFlag::Dual;
        else
            valid = fail(QStringLiteral("family"),
                         tr("This mode makes IPv6-only sockets: open the lab in standard mode"));
    }
    const bool local =
        Form(m_form->currentData().toInt()) == Form::Socket && family() == Family::Local;
    if (local && !command->arguments.contains(LabArgument::Protocol))
        valid = fail(QStringLiteral("family"),
                     tr("This mode makes no AF_UNIX socket: open the lab in standard mode"));
    for (const LabArgument argument : command->arguments) {
        // An AF_UNIX socket's path stands for the host and the port.
        if (argument == LabArgument::Port && localSocketChosen())
            continue;
        if (argument == LabArgument::Protocol && local) {
            made.words << (m_protocol->currentIndex() == 0 ? QStringLiteral("unix")
                                                           : QStringLiteral("unixdgram"));
            continue;
        }
        if (argument == LabArgument::Ids) {
            QStringList ids;
            for (int i = 0; i < m_waitOn->count(); ++i) {
                if (m_waitOn->item(i)->checkState() == Qt::Checked)
                    ids << m_waitOn->item(i)->data(Qt::UserRole).toString();
            }
            if (ids.isEmpty())
                valid = fail(QStringLiteral("waitOn"), tr("Check at least one socket to wait on"));
            made.words << ids;
            continue;
        }
        const std::optional<QString> typed = word(argument, made.flags);
        valid = valid && typed.has_value();
        made.words << typed.value_or(QString());
    }
    if (!valid)
        return std::nullopt;
    return made;
}

// One argument's word, as it would be typed; nullopt when its field says why not.
std::optional<QString> LabCallForm::word(LabArgument argument, LabFlags flags)
{
    QString error;
    const int socket = m_socket->currentData().isValid() ? m_socket->currentData().toInt() : -1;
    switch (argument) {
    case LabArgument::Protocol:
        return m_protocol->currentIndex() == 0 ? QStringLiteral("tcp") : QStringLiteral("udp");
    case LabArgument::Id:
        if (socket < 0) {
            fail(QStringLiteral("socket"),
                 tr("%1 has no socket: make one with the socket form first")
                     .arg(LabSession::terminalName(m_lab->terminal())));
            return std::nullopt;
        }
        return QString::number(socket);
    case LabArgument::Host: {
        const QString text = m_host->text().trimmed();
        if (localSocketChosen()) {
            if (!parseLabPath(text, &error)) {
                fail(QStringLiteral("host"), error);
                return std::nullopt;
            }
            return text;
        }
        const std::optional<LabHost> host = parseLabHost(text, &error);
        if (!host) {
            fail(QStringLiteral("host"), error);
            return std::nullopt;
        }
        if (host->kind == LabHost::Kind::Name) {
            fail(QStringLiteral("host"),
                 tr("The lab takes numeric addresses for now: 127.0.0.1, ::1, * or ."));
            return std::nullopt;
        }
        // An IPv6 address for an IPv4 socket names no place it can reach or be.
        const int domain = m_lab->sockets().value(socket).domain;
        const auto address = SocketAddress::fromIp(host->text, 0);
        if (host->kind == LabHost::Kind::Numeric && address && domain == AF_INET &&
            address->family() == AF_INET6) {
            fail(QStringLiteral("host"),
                 tr("%1 is an IPv6 address and socket %2 is IPv4").arg(host->text).arg(socket));
            return std::nullopt;
        }
        return text;
    }
    case LabArgument::Port: {
        const QString text = m_port->text().trimmed();
        if (!parseLabPort(text, &error)) {
            fail(QStringLiteral("port"), error);
            return std::nullopt;
        }
        return text;
    }
    case LabArgument::Backlog:
        return QString::number(m_backlog->value());
    case LabArgument::ByteCount: {
        const std::optional<int> size =
            parseLabCount(m_size->text().trimmed(), 100, labMessageLimit, &error);
        if (!size) {
            fail(QStringLiteral("size"), error);
            return std::nullopt;
        }
        return QString::number(*size);
    }
    case LabArgument::Message: {
        const QString text = m_message->text();
        if (!decodeLabMessage(text, labPayload(flags), &error)) {
            fail(QStringLiteral("message"), error);
            return std::nullopt;
        }
        return text;
    }
    case LabArgument::Direction:
        return QStringList{QStringLiteral("in"), QStringLiteral("out"), QStringLiteral("both")}
            .value(m_direction->currentIndex());
    case LabArgument::TimeoutMs:
        return QString::number(m_timeout->value());
    case LabArgument::Ids:
    case LabArgument::MessageCount:
    case LabArgument::OptionNames:
    case LabArgument::Group:
    case LabArgument::Interface:
    case LabArgument::Service:
    case LabArgument::CommandNames:
    case LabArgument::Terminal:
        break;
    }
    return std::nullopt;
}

bool LabCallForm::fail(const QString& field, const QString& message)
{
    if (QLabel* error = m_fields.value(field).error) {
        error->setText(breakLines(message));
        error->show();
    }
    return false;
}

void LabCallForm::clearErrors()
{
    for (const Field& field : std::as_const(m_fields)) {
        if (field.error) {
            field.error->clear();
            field.error->hide();
        }
    }
}

QStringList LabCallForm::errors() const
{
    QStringList shown;
    for (const Field& field : m_fields) {
        if (field.error && !field.error->text().isEmpty())
            shown << field.error->text().replace(QLatin1Char('\n'), QLatin1Char(' '));
    }
    return shown;
}

void LabCallForm::make()
{
    if (const std::optional<LabLine> made = line())
        Q_EMIT lineMade(*made);
}

bool LabCallForm::localSocketChosen() const
{
    const QVariant socket = m_socket->currentData();
    return m_lab && socket.isValid() && m_lab->sockets().value(socket.toInt()).domain == AF_UNIX;
}

LabCallForm::Family LabCallForm::family() const
{
    return Family(m_family->currentData().toInt());
}

// The address rows of bind, connect and sendto: a path alone for an AF_UNIX socket.
void LabCallForm::showAddressRows()
{
    const LabCommandSpec* command = spec(verb());
    if (!command || !command->arguments.contains(LabArgument::Host))
        return;
    const bool local = localSocketChosen();
    const Field& host = m_fields[QStringLiteral("host")];
    host.label->setText(local ? tr("Path") : tr("Address"));
    m_host->setToolTip(
        local ? tr("The socket file's path, like ./lab.sock: a relative path starts from the "
                   "folder SocketScope was started in")
              : tr("127.0.0.1 or ::1 (this machine), * (any address), or an address"));
    const Field& port = m_fields[QStringLiteral("port")];
    port.label->setVisible(!local);
    port.row->setVisible(!local);
}

// An AF_UNIX socket is no TCP or UDP: the types by their own names.
void LabCallForm::nameProtocols()
{
    const bool local = family() == Family::Local;
    m_protocol->setItemText(0, local ? tr("stream (SOCK_STREAM)")
                                     : QStringLiteral("TCP (SOCK_STREAM)"));
    m_protocol->setItemText(1, local ? tr("datagram (SOCK_DGRAM)")
                                     : QStringLiteral("UDP (SOCK_DGRAM)"));
}

} // namespace SocketScope
