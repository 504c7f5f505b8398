# An RDS team managed with Terraform: DBAs get RDS FullAccess in cn-north-4 and a custom
# policy that denies deletes everywhere; readers get RDS ReadOnlyAccess on all resources.

data "huaweicloud_identity_role" "rds_full" {
  display_name = "RDS FullAccess"
}

data "huaweicloud_identity_role" "rds_read" {
  display_name = "RDS ReadOnlyAccess"
}

data "huaweicloud_identity_projects" "region" {
  name = var.region
}

resource "huaweicloud_identity_group" "dba" {
  name        = "dba"
  description = "database administrators"
}

resource "huaweicloud_identity_group" "readers" {
  name = "rds-readers"
}

resource "huaweicloud_identity_user" "member" {
  for_each = var.members

  name = each.key
}

resource "huaweicloud_identity_group_membership" "dba" {
  group = huaweicloud_identity_group.dba.id
  users = [for name, group in var.members : huaweicloud_identity_user.member[name].id if group == "dba"]
}

resource "huaweicloud_identity_group_membership" "readers" {
  group = huaweicloud_identity_group.readers.id
  users = [for name, group in var.members : huaweicloud_identity_user.member[name].id if group == "readers"]
}

resource "huaweicloud_identity_role" "no_delete" {
  name        = "rds-no-delete"
  type        = "XA"
  description = "no RDS deletes, whatever else is granted"
  policy = jsonencode({
    Version = "1.1"
    Statement = [{
      Effect = "Deny"
      Action = ["rds:instance:delete", "rds:backup:delete"]
    }]
  })
}

resource "huaweicloud_identity_group_role_assignment" "dba_full" {
  group_id   = huaweicloud_identity_group.dba.id
  role_id    = data.huaweicloud_identity_role.rds_full.id
  project_id = data.huaweicloud_identity_projects.region.projects[0].id
}

resource "huaweicloud_identity_group_role_assignment" "dba_no_delete" {
  group_id   = huaweicloud_identity_group.dba.id
  role_id    = huaweicloud_identity_role.no_delete.id
  project_id = "all"
}

resource "huaweicloud_identity_group_role_assignment" "readers" {
  group_id   = huaweicloud_identity_group.readers.id
  role_id    = data.huaweicloud_identity_role.rds_read.id
  project_id = "all"
}
