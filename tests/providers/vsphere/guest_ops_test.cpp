// guest ops: written next
