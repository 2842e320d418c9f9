/** What both builds' 所在地区 field take: the picked names, as the consignee stores them. */
export interface RegionFieldProps {
  /** [province, city, district]; empty strings until picked. */
  region: string[]
  onPick: (picked: { province: string; city: string; district: string }) => void
}
