#pragma once

#include "exportpanel.h"
#include "stageview.h"

#include <QCoreApplication>

#include <memory>

class QWidget;

namespace SocketScope {

class LogPresenter;
class TcpStateMachineView;

// Pictures of the views for slides and handouts: each panel is drawn by its own view class,
// fed what the presenter feeds the window's view at the cursor, in the current theme, at
// the size asked and zoomed as much as its content allows. A PNG is the widget rendered
// into an image; an SVG the same paint calls recorded by QSvgGenerator, so text stays text.
class Exporter {
    Q_DECLARE_TR_FUNCTIONS(SocketScope::Exporter)
public:
    struct Options {
        StageView::ViewMode viewMode = StageView::ViewMode::Analogy;
        bool relativeNumbers = true; // the diagram's sequence numbers, as on screen
    };

    Exporter(const LogPresenter& presenter, const Options& options);

    // What is exported: the panel's view, fed and laid out (not shown on screen) at
    // size / zoom, to be drawn `zoom` times larger, so that its text suits the picture.
    struct Picture {
        std::unique_ptr<QWidget> widget;
        qreal zoom = 1;
    };
    Picture picture(ExportPanel panel, QSize size) const;
    // Writes the panel to `path` (size empty: the panel's default); false with the reason
    // in *error.
    bool write(ExportPanel panel, ExportFormat format, const QString& path, QSize size,
               QString* error) const;

private:
    // Each fills the picture's widget with its view and returns the zoom.
    qreal fillStage(QWidget& root) const;
    qreal fillDiagram(QWidget& root, QSize size) const;
    qreal fillTuples(QWidget& root, QSize size) const;
    qreal fillBytes(QWidget& root, QSize size) const;
    qreal fillStates(QWidget& root, QSize size) const;
    // Puts the socket of the call at the cursor on the machine; says which socket it is.
    QString statesCaption(TcpStateMachineView& machine) const;

    const LogPresenter& m_presenter;
    Options m_options;
};

} // namespace SocketScope
