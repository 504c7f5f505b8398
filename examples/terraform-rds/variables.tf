variable "region" {
  type    = string
  default = "cn-north-4"
}

# User name → the group it joins.
variable "members" {
  type = map(string)
  default = {
    alice = "dba"
    bob   = "readers"
  }
}
