#pragma once

#include <QWidget>

namespace Ui {
class TransfersPanel;
}
class TransferModel;
class TransferQueue;

// The transfers dock: each upload, download, delete and move with its progress, and buttons to
// pause all, cancel, retry and clear.
class TransfersPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TransfersPanel(QWidget* parent = nullptr);
    ~TransfersPanel() override;

    void setQueue(TransferQueue* queue);
    TransferModel* model() const { return m_model; }

private:
    QList<int> selectedIds() const;
    void updateButtons();

    const std::unique_ptr<Ui::TransfersPanel> m_ui;
    TransferQueue* m_queue = nullptr;
    TransferModel* m_model = nullptr;
};
