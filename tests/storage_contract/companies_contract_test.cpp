#include "storage_contract/contract_fixture.hpp"
