#include "TransfersPanel.h"
#include "ui_TransfersPanel.h"

#include "TransferModel.h"
#include "TransferProgressDelegate.h"
#include "TransferQueue.h"

#include <QAction>
#include <QHeaderView>

#include <utility>

TransfersPanel::TransfersPanel(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::TransfersPanel>())
{
    m_ui->setupUi(this);
    m_ui->transferView->setItemDelegateForColumn(TransferModel::ProgressColumn, new TransferProgressDelegate(this));
    connect(m_ui->pauseButton, &QPushButton::toggled, this, [this](bool paused) {
        // The button says what pressing it does.
        m_ui->pauseButton->setText(paused ? tr("Resume All") : tr("Pause All"));
        if (m_queue)
            m_queue->setPaused(paused);
    });
    connect(m_ui->actionCancelTransfer, &QAction::triggered, this, [this] {
        for (int id : selectedIds())
            m_queue->cancel(id);
    });
    connect(m_ui->actionRetryTransfer, &QAction::triggered, this, [this] {
        for (int id : selectedIds())
            m_queue->retry(id);
    });
    connect(m_ui->actionClearFinished, &QAction::triggered, this, [this] {
        if (m_queue)
            m_queue->clearFinished();
    });
    // Each button does its action, which has a key while the list has the focus and is in the list's context menu.
    for (const auto& [button, action] : { std::pair { m_ui->cancelButton, m_ui->actionCancelTransfer },
                                          std::pair { m_ui->retryButton, m_ui->actionRetryTransfer },
                                          std::pair { m_ui->clearButton, m_ui->actionClearFinished } }) {
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        connect(action, &QAction::enabledChanged, button, &QPushButton::setEnabled);
        button->setToolTip(tr("%1 (%2)").arg(action->toolTip(), action->shortcut().toString(QKeySequence::NativeText)));
    }
}

TransfersPanel::~TransfersPanel() = default;

void TransfersPanel::setQueue(TransferQueue* queue)
{
    m_queue = queue;
    delete m_model;
    m_model = new TransferModel(queue, this);
    m_ui->transferView->setModel(m_model);
    QHeaderView* header = m_ui->transferView->header();
    header->setSectionResizeMode(TransferModel::NameColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(TransferModel::ActionColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(TransferModel::ProgressColumn, QHeaderView::Fixed);
    header->resizeSection(TransferModel::ProgressColumn, 140);
    header->setSectionResizeMode(TransferModel::StatusColumn, QHeaderView::Stretch);
    header->setStretchLastSection(true);
    m_ui->pauseButton->setChecked(queue->isPaused());
    connect(queue, &TransferQueue::pausedChanged, m_ui->pauseButton, &QPushButton::setChecked);
    connect(m_ui->transferView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TransfersPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TransfersPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int, int last) {
        m_ui->transferView->scrollTo(m_model->index(last, 0));
        updateButtons();
    });
    updateButtons();
}

QList<int> TransfersPanel::selectedIds() const
{
    QList<int> ids;
    const QModelIndexList rows = m_ui->transferView->selectionModel()->selectedRows();
    for (const QModelIndex& row : rows)
        ids.append(row.data(TransferModel::IdRole).toInt());
    return ids;
}

void TransfersPanel::updateButtons()
{
    bool canCancel = false, canRetry = false;
    const QModelIndexList rows = m_ui->transferView->selectionModel()->selectedRows();
    for (const QModelIndex& row : rows) {
        canCancel = canCancel || row.data(TransferModel::CanCancelRole).toBool();
        canRetry = canRetry || row.data(TransferModel::CanRetryRole).toBool();
    }
    m_ui->actionCancelTransfer->setEnabled(canCancel);
    m_ui->actionRetryTransfer->setEnabled(canRetry);
    m_ui->actionClearFinished->setEnabled(m_queue && m_queue->count() > m_queue->pendingCount());
}
