# SPDX-License-Identifier: Apache-2.0
# Warning flags every shopcrm target gets (see crm_library); -Werror only where CRM_WERROR is on (CI).
set(CRM_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wno-missing-field-initializers)
if(CRM_WERROR)
  list(APPEND CRM_WARNINGS -Werror)
endif()
