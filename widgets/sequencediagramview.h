#pragma once

#include "sequencediagramlayout.h"
#include "sequencediagrammodel.h"

#include <QAbstractScrollArea>

namespace SocketScope {

// The packets of the session as a sequence diagram: one lifeline per endpoint under a header
// that stays on screen, one arrow per packet (TCP solid, UDP open-headed in another colour,
// inferred dashed) with its flags above and its numbers below, the time on the left. Only
// the rows on screen are painted, so that 100,000 packets scroll smoothly.
class SequenceDiagramView : public QAbstractScrollArea {
    Q_OBJECT
    Q_PROPERTY(bool relativeNumbers READ relativeNumbers WRITE setRelativeNumbers NOTIFY
                   relativeNumbersChanged)
public:
    // Exports stop there: beyond, an SVG is too heavy to open and a PNG too large to allocate.
    static constexpr int exportRowLimit = 5000;
    static constexpr int exportPngMaxHeight = 16384;

    explicit SequenceDiagramView(QWidget* parent = nullptr);

    // `visible` holds indices into `packets` (EventLog::packetsVisibleAt); times are shown
    // relative to `originNs`. Follows the new rows when the view was at the bottom.
    void setPackets(const QList<PacketEvent>& packets, const QList<int>& visible, qint64 originNs);
    const SequenceDiagramModel& model() const { return m_model; }
    const SequenceDiagramLayout& diagramLayout() const { return m_layout; }

    // What the view says while it has no packet; empty: "No packets yet...".
    void setEmptyText(const QString& text);

    bool relativeNumbers() const { return m_model.relativeNumbers(); }
    void setRelativeNumbers(bool relative);
    void setActorNames(const QHash<QString, QString>& names);

    // Marks the packets a call caused and scrolls to the first of them; -1 clears.
    void highlightCall(qint64 callSeq);
    qint64 highlightedCall() const { return m_highlightedCall; }
    QList<qint64> highlightedPackets() const;
    // Selects a packet (-1: none) and scrolls to it, without emitting packetClicked.
    void selectPacket(qint64 packetSeq);
    qint64 selectedPacket() const { return m_selectedPacket; }
    // Where a row, and its arrow, are drawn, in viewport coordinates.
    QRect visualRowRect(int row) const;
    QRect visualArrowRect(int row) const;

    // The whole diagram, up to the limits above, as on screen but without the marks. False
    // and the reason in *message when it fails; true and, when rows were left out, a note
    // saying so in *message (empty otherwise).
    bool exportPng(const QString& path, QString* message) const;
    bool exportSvg(const QString& path, QString* message) const;

    QSize sizeHint() const override;

Q_SIGNALS:
    // The user picked a packet: a click on its row, or Up/Down.
    void packetClicked(qint64 packetSeq);
    void relativeNumbersChanged(bool relative);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    enum class Format { Png, Svg };

    void relayout();
    void ensureRowVisible(int row);
    void pickRow(int row);
    bool exportTo(const QString& path, Format format, QString* message) const;

    SequenceDiagramModel m_model;
    SequenceDiagramLayout m_layout;
    qint64 m_highlightedCall = -1;
    qint64 m_selectedPacket = -1;
    QString m_emptyText;
};

} // namespace SocketScope
