#pragma once

#include "EntityRef.h"

#include <QDialog>

#include <functional>
#include <memory>

namespace Ui {
class NewEntityDialog;
}

// Asks for a new record's type and key (invoice number, customer code, ...), checking the key as it is typed.
class NewEntityDialog : public QDialog
{
    Q_OBJECT

public:
    // `exists` tells a record that is there already, which is not created again.
    NewEntityDialog(EntityType initialType, std::function<bool(const EntityRef&)> exists, QWidget* parent = nullptr);
    ~NewEntityDialog() override;

    EntityRef entity() const;
    void setKey(const QString& key);

private:
    void update();

    const std::unique_ptr<Ui::NewEntityDialog> m_ui;
    const std::function<bool(const EntityRef&)> m_exists;
};
