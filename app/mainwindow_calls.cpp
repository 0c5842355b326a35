#include "calldetailsview.h"
#include "calllogmodel.h"
#include "mainwindow.h"

#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

// The window's call list: the table, and below it the call at the cursor in full, so that a
// call or an explanation too long for a row can still be read.
namespace SocketScope {

QWidget* MainWindow::callsPanel()
{
    auto* panel = new QWidget(this);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_callView, 1);
    m_callDetails = new CallDetailsView(panel);
    layout->addWidget(m_callDetails);
    return panel;
}

void MainWindow::sizeCallColumns()
{
    QHeaderView* header = m_callView->horizontalHeader();
    for (const int column : {CallLogModel::SeqColumn, CallLogModel::ActorColumn,
                             CallLogModel::ResultColumn, CallLogModel::DurationColumn})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    // The call takes the room left; its errno's explanation is read in full below the list
    // (a column of it would only ever show its first words).
    header->setSectionResizeMode(CallLogModel::CallColumn, QHeaderView::Stretch);
    // Sized to the rows in view: Qt's default measures a thousand rows on every call
    // appended, seconds a minute for a traced server with many clients.
    header->setResizeContentsPrecision(0);
    m_callView->setColumnHidden(CallLogModel::ExplanationColumn, true);
}

} // namespace SocketScope
