#pragma once

#include <QLabel>

namespace SocketScope {

// The status bar's line. It stays one line high whatever it is given, so that a long or
// growing notice (a traced program says how each of its processes ended) never makes the
// window taller, and the window's fonts, which follow its height, never grow with it. It
// shows the last paragraph, elided to its width, after how many came before; the tooltip
// holds the text in full (its last paragraphs, if there are many).
class StatusLine : public QLabel {
    Q_OBJECT
public:
    explicit StatusLine(QWidget* parent = nullptr);

    void setFullText(const QString& text);
    const QString& fullText() const { return m_full; }
    // What QLabel would show as given: not one line. setFullText is the way in.
    void setText(const QString&) = delete;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void fit();

    QString m_full;
};

} // namespace SocketScope
