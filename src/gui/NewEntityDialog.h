#pragma once

#include "EntityRef.h"

#include <QDialog>

namespace Ui {
class NewEntityDialog;
}

// Asks for a new record's type and key (invoice number, customer code, ...), checking the key as it is typed.
class NewEntityDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewEntityDialog(EntityType initialType, QWidget* parent = nullptr);
    ~NewEntityDialog() override;

    EntityRef entity() const;
    void setKey(const QString& key);

private:
    void update();

    const std::unique_ptr<Ui::NewEntityDialog> m_ui;
};
