#include "byteorderview.h"
#include "logcursor.h"
#include "mainwindow.h"
#include "packetpanel.h"
#include "sequencediagramview.h"
#include "sources/session.h"
#include "tuplecardsview.h"

#include <QFileDialog>
#include <QMessageBox>

#include <algorithm>

// The window's packet side: the packet panel, a packet picked in it, and the exports.
namespace SocketScope {

void MainWindow::showPackets()
{
    const EventLog& log = m_session->log();
    const qint64 origin = log.notes().isEmpty() ? 0 : log.notes().constFirst().tNs;
    m_packets->setPackets(log.packets(), log.packetsVisibleAt(m_cursor->position()), origin);
    const PacketFlow& flow = m_session->packetFlow();
    m_packets->setSource(m_session->state() == Session::State::Preparing,
                         flow.status() == PacketFlow::Status::Capturing, flow.inferredReason(),
                         flow.enableCommand());
}

// A packet picked in the diagram or the list: every view goes to the call that caused it,
// the cards of its two ends are marked, and the bytes panel shows its header.
void MainWindow::showPacket(qint64 packetSeq)
{
    const EventLog& log = m_session->log();
    const auto packet =
        std::find_if(log.packets().cbegin(), log.packets().cend(),
                     [packetSeq](const PacketEvent& p) { return p.seq == packetSeq; });
    if (packet == log.packets().cend())
        return;
    std::optional<CallEvent> cause;
    for (qsizetype i = 0; i < log.calls().size(); ++i) {
        if (log.calls()[i].seq == packet->cause) {
            cause = log.calls()[i];
            m_cursor->setPosition(int(i + 1));
        }
    }
    m_packets->selectPacket(packetSeq);
    m_tupleCards->setHighlighted({packet->sender, packet->receiver});
    m_bytes->setPacket(*packet, cause);
}

void MainWindow::savePcap()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the captured packets"),
                                                      QString(), tr("pcap files (*.pcap)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!m_session->log().savePcap(path, &error))
        QMessageBox::warning(this, tr("Save the captured packets"), error);
}

void MainWindow::exportDiagram(bool svg)
{
    const QString title =
        svg ? tr("Export the sequence diagram as SVG") : tr("Export the sequence diagram as PNG");
    const QString path = QFileDialog::getSaveFileName(
        this, title, QString(), svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString message;
    SequenceDiagramView* diagram = m_packets->diagram();
    const bool exported =
        svg ? diagram->exportSvg(path, &message) : diagram->exportPng(path, &message);
    if (!exported)
        QMessageBox::warning(this, title, message);
    else if (!message.isEmpty())
        QMessageBox::information(this, title, message);
}

} // namespace SocketScope
